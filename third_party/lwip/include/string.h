/* SPDX-License-Identifier: MIT */
/* lwIP includes <string.h>; in the kernel that is the kernel's own (lib/string.h). */
#pragma once
#include "lib/string.h"

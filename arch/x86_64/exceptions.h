/* SPDX-License-Identifier: MIT */
/* Installs the CPU exception handlers (vectors 0-31). */
#pragma once

void exceptions_init(void);

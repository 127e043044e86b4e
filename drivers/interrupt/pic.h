/* SPDX-License-Identifier: MIT */
/* The legacy 8259 PICs, which Yolk only masks. */
#pragma once

void pic_disable(void);

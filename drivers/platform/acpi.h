/* SPDX-License-Identifier: MIT */
/* Just enough ACPI to turn the machine off: the FADT's PM1 control registers and the \_S5
 * sleep type from the DSDT. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* Finds the tables from the RSDP (physical address from the boot protocol, 0 to search the
 * BIOS areas). Returns false when there is no usable ACPI. */
bool acpi_init(uint64_t rsdp_physical);
/* Enters S5 (soft off). Returns only if that failed. */
void acpi_power_off(void);

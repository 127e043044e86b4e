// SPDX-License-Identifier: MIT
/* ACPI soft-off (see drivers/platform/acpi.h). The \_S5 package is found by scanning the DSDT's
 * AML for its name, the common shortcut that avoids an AML interpreter: NameOp "_S5_", then a
 * PackageOp whose first element is SLP_TYPa (a byte constant or a bare 0/1). */
#include "drivers/platform/acpi.h"
#include "arch/x86_64/cpu.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/paging.h"

#define SLEEP_ENABLE	(1u << 13)
#define AML_NAME_OP	0x08
#define AML_PACKAGE_OP	0x12
#define AML_BYTE_PREFIX 0x0a

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_revision, creator, creator_revision;
} __packed;

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
} __packed;

static uint16_t pm1a_control, pm1b_control;
static uint16_t sleep_type_a, sleep_type_b;
static bool ready;

static const void *map_table(uint64_t physical)
{
	const struct acpi_header *header = paging_map_device(physical, sizeof(*header));

	if (!header || !paging_map_device(physical, header->length))
		return NULL;
	return header;
}

static uint64_t search_rsdp(void)
{
	const char *bios = paging_map_device(0xe0000, 0x20000);

	for (unsigned offset = 0; bios && offset < 0x20000; offset += 16)
		if (!memcmp(bios + offset, "RSD PTR ", 8))
			return 0xe0000 + offset;
	return 0;
}

static const struct acpi_header *find_table(const struct acpi_rsdp *rsdp, const char *signature)
{
	bool extended = rsdp->revision >= 2 && rsdp->xsdt;
	const struct acpi_header *root = map_table(extended ? rsdp->xsdt : rsdp->rsdt);
	unsigned entry_size = extended ? 8 : 4;

	if (!root)
		return NULL;
	unsigned count = (root->length - sizeof(*root)) / entry_size;
	for (unsigned i = 0; i < count; i++) {
		const char *entry = (const char *)(root + 1) + i * entry_size;
		uint64_t physical = extended ? *(const uint64_t *)entry : *(const uint32_t *)entry;
		const struct acpi_header *table = map_table(physical);
		if (table && !memcmp(table->signature, signature, 4))
			return table;
	}
	return NULL;
}

/* Reads one AML integer element: returns bytes used, 0 if it is not a simple constant. */
static unsigned aml_small_integer(const uint8_t *aml, uint16_t *value)
{
	if (aml[0] == AML_BYTE_PREFIX) {
		*value = aml[1];
		return 2;
	}
	if (aml[0] <= 1) { /* ZeroOp, OneOp */
		*value = aml[0];
		return 1;
	}
	return 0;
}

static bool parse_s5(const struct acpi_header *dsdt)
{
	const uint8_t *aml = (const uint8_t *)(dsdt + 1);
	uint32_t length = dsdt->length - sizeof(*dsdt);

	for (uint32_t i = 1; i + 12 < length; i++) {
		if (memcmp(aml + i, "_S5_", 4) || aml[i - 1] != AML_NAME_OP ||
		    aml[i + 4] != AML_PACKAGE_OP)
			continue;
		const uint8_t *package = aml + i + 5;
		package += (package[0] >> 6) + 1; /* PkgLength */
		package++;			  /* NumElements */
		unsigned used = aml_small_integer(package, &sleep_type_a);
		return used && aml_small_integer(package + used, &sleep_type_b);
	}
	return false;
}

bool acpi_init(uint64_t rsdp_physical)
{
	if (!rsdp_physical)
		rsdp_physical = search_rsdp();
	const struct acpi_rsdp *rsdp =
	    rsdp_physical ? paging_map_device(rsdp_physical, sizeof(struct acpi_rsdp)) : NULL;
	if (!rsdp || memcmp(rsdp->signature, "RSD PTR ", 8))
		return false;
	const struct acpi_header *fadt = find_table(rsdp, "FACP");
	if (!fadt || fadt->length < 72)
		return false;
	const uint8_t *fields = (const uint8_t *)fadt;
	const struct acpi_header *dsdt = map_table(*(const uint32_t *)(fields + 40));
	pm1a_control = *(const uint32_t *)(fields + 64);
	pm1b_control = *(const uint32_t *)(fields + 68);
	ready = dsdt && pm1a_control && parse_s5(dsdt);
	if (!ready)
		pr_info("ACPI: no usable \\_S5 sleep state\n");
	return ready;
}

void acpi_power_off(void)
{
	if (!ready)
		return;
	outw(pm1a_control, (sleep_type_a << 10) | SLEEP_ENABLE);
	if (pm1b_control)
		outw(pm1b_control, (sleep_type_b << 10) | SLEEP_ENABLE);
	for (int spin = 0; spin < 1000000; spin++)
		cpu_pause();
}

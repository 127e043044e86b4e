// SPDX-License-Identifier: MIT
/* lspci: the PCI functions (/proc/bus/pci/devices), with a name for the ones QEMU gives. */
#include "../command.h"

static const struct {
	unsigned vendor, device;
	const char *name;
} known[] = {
    {0x8086, 0x1237, "Intel 440FX host bridge"},
    {0x8086, 0x7000, "Intel PIIX3 ISA bridge"},
    {0x8086, 0x7010, "Intel PIIX3 IDE"},
    {0x8086, 0x7113, "Intel PIIX4 ACPI"},
    {0x8086, 0x29c0, "Intel Q35 host bridge"},
    {0x8086, 0x2918, "Intel ICH9 LPC bridge"},
    {0x8086, 0x2922, "Intel ICH9 SATA (AHCI)"},
    {0x8086, 0x2930, "Intel ICH9 SMBus"},
    {0x8086, 0x100e, "Intel 82540EM Ethernet (e1000)"},
    {0x1234, 0x1111, "QEMU standard VGA"},
    {0x1af4, 0x1041, "virtio network"},
    {0x1af4, 0x1042, "virtio block"},
    {0x1af4, 0x1043, "virtio console"},
    {0x1af4, 0x1044, "virtio entropy"},
    {0x1af4, 0x1049, "virtio 9P transport"},
    {0x1af4, 0x1000, "virtio network (legacy)"},
    {0x1af4, 0x1001, "virtio block (legacy)"},
    {0x1af4, 0x1009, "virtio 9P transport (legacy)"},
};

int lspci_main(int argc, char **argv)
{
	unsigned location, ids, irq;
	char line[256];

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "lspci: no options\n");
		return 2;
	}
	FILE *file = fopen("/proc/bus/pci/devices", "r");

	if (!file) {
		fprintf(stderr, "lspci: /proc/bus/pci/devices: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), file)) {
		if (sscanf(line, "%x %x %x", &location, &ids, &irq) != 3)
			continue;
		unsigned vendor = ids >> 16, device = ids & 0xffff;
		const char *name = "unknown device";

		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (known[i].vendor == vendor && known[i].device == device)
				name = known[i].name;
		printf("%02x:%02x.%x %04x:%04x %s\n", location >> 8, (location >> 3) & 0x1f,
		       location & 7, vendor, device, name);
	}
	fclose(file);
	return 0;
}

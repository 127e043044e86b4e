// SPDX-License-Identifier: MIT
/* /proc/bus/input/devices, as Linux writes it: per device its id (I:), name (N:), physical
 * path (P:), handlers (H:: kbd for keyboards, mouse0 for pointers) and capability bitmaps
 * (B:, 64-bit words in hex, the highest non-zero word first), a blank line after each. */
#include "drivers/input/input.h"
#include "fs/procfs.h"

static void print_bitmap(struct procfs_text *text, const char *name, const uint64_t *words,
			 unsigned count)
{
	unsigned top = count;

	while (top > 1 && !words[top - 1])
		top--;
	procfs_printf(text, "B: %s=%llx", name, (unsigned long long)words[top - 1]);
	for (unsigned i = top - 1; i-- > 0;)
		procfs_printf(text, " %llx", (unsigned long long)words[i]);
	procfs_printf(text, "\n");
}

static void print_device(struct procfs_text *text, const struct input_device *device)
{
	procfs_printf(text, "I: Bus=%04x Vendor=%04x Product=%04x Version=%04x\n",
		      device->id.bustype, device->id.vendor, device->id.product,
		      device->id.version);
	procfs_printf(text, "N: Name=\"%s\"\nP: Phys=%s\nS: Sysfs=/devices/virtual/input/input%u\n",
		      device->name, device->physical, device->number);
	procfs_printf(text, "U: Uniq=\nH: Handlers=%s%sevent%u \n",
		      device->key_bits[0] || device->key_bits[1] ? "kbd " : "", /* below BTN_MISC */
		      device->rel_bits || device->abs_bits ? "mouse0 " : "", device->number);
	print_bitmap(text, "PROP", &device->property_bits, 1);
	print_bitmap(text, "EV", &device->event_bits, 1);
	if (input_bit(&device->event_bits, EV_KEY))
		print_bitmap(text, "KEY", device->key_bits, INPUT_KEY_WORDS);
	if (input_bit(&device->event_bits, EV_REL))
		print_bitmap(text, "REL", &device->rel_bits, 1);
	if (input_bit(&device->event_bits, EV_ABS))
		print_bitmap(text, "ABS", &device->abs_bits, 1);
	if (input_bit(&device->event_bits, EV_MSC))
		print_bitmap(text, "MSC", &device->msc_bits, 1);
	procfs_printf(text, "\n");
}

static void generate_devices(struct procfs_text *text, void *context)
{
	(void)context;
	for (unsigned i = 0; i < input_device_count(); i++)
		print_device(text, input_device_by_number(i));
}

void input_register_proc_files(void)
{
	procfs_register_file("bus/input/devices", generate_devices, NULL);
}

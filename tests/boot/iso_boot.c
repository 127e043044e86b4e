/* SPDX-License-Identifier: MIT */
/* iso_boot: booted from an ISO that `yolk pack` made (tests/boot/iso.sh), through GRUB and
 * Multiboot2, the program gets the arguments and environment the ISO's GRUB configuration
 * carries, quoting intact, and the initrd that GRUB loaded as a module is unpacked into /. */
#include <stdlib.h>
#include "../integration/check.h"

int main(int argc, char **argv)
{
	static const char *const expected[] = {"iso_boot.elf", "one",	   "two words",
					       "it's",	       "a\"quote", "back\\slash"};
	char line[64] = "";
	const char *spaced = getenv("ISO_SPACED");

	CHECK(argc == 6, "argc is %d, expected 6", argc);
	for (int i = 0; i < argc && i < 6; i++)
		CHECK(strcmp(argv[i], expected[i]) == 0, "argv[%d] is \"%s\", expected \"%s\"", i,
		      argv[i], expected[i]);
	CHECK(spaced && strcmp(spaced, "two words") == 0, "ISO_SPACED is \"%s\"",
	      spaced ? spaced : "(unset)");
	FILE *file = fopen("/iso-module.txt", "r");
	CHECK(file != NULL, "/iso-module.txt from the GRUB module is missing");
	if (file) {
		CHECK(fgets(line, sizeof(line), file) &&
			  strcmp(line, "from the boot module\n") == 0,
		      "/iso-module.txt holds \"%s\"", line);
		fclose(file);
	}
	return test_result();
}

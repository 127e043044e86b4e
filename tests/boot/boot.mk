# The boot headers of an image (tests/boot/headers.sh): GRUB accepts its Multiboot2 header,
# the PVH note is there. Booting through PVH on microvm, q35 and pc is in the integration tests.
.PHONY: boot-headers-test
boot-headers-test: $(IMAGES)/hello.elf
	$(Q)tests/boot/headers.sh $(IMAGES)/hello.elf
TEST_TARGETS += boot-headers-test

# yolk pack and the GRUB boot path: an ISO booted on BIOS and UEFI (tests/boot/iso.sh).
.PHONY: iso-test
iso-test: $(YOLK_LIB_FILES) $(YOLK)
	$(Q)tests/boot/iso.sh $(BUILD)/tests/iso
TEST_TARGETS += iso-test

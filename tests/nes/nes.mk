# The NES emulator's tests (tests/nes): the core against the standard test ROMs on the host
# (rom_tests.c, -O2: thousands of frames), and the `nes` command of the default image in QEMU
# (yolk_nes.sh). The ROMs come from NES_DATA, the shared data folder beside the repository.
NES_DATA ?= ../shared/data/nes
NES_HOST := $(BUILD)/nes/nes-host
NES_ROM_TESTS := $(BUILD)/nes/rom-tests
NES_HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I.

$(NES_HOST): $(NES_SOURCES) apps/nes/main.c $(NES_HEADERS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(NES_HOST_CFLAGS) -o $@ $(NES_SOURCES) apps/nes/main.c
$(NES_ROM_TESTS): tests/nes/rom_tests.c $(NES_CORE_SOURCES) $(NES_HEADERS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(NES_HOST_CFLAGS) -o $@ tests/nes/rom_tests.c $(NES_CORE_SOURCES)

.PHONY: nes-rom-test nes-yolk-test
nes-rom-test: $(NES_ROM_TESTS)
	$(Q)$(NES_ROM_TESTS) $(NES_DATA)
TEST_TARGETS += nes-rom-test
nes-yolk-test: $(IMAGES)/shell.elf $(NES_HOST)
	$(Q)tests/nes/yolk_nes.sh $(YOLK) $(IMAGES)/shell.elf $(NES_HOST) $(NES_DATA) $(BUILD)/nes/yolk-test
TEST_TARGETS += nes-yolk-test
# Playing on the screen with sound (test_play.py): the default image under --gui --audio, and
# dsp_tone.c, a program written against OSS, for /dev/dsp.
NES_TONE_IMAGE := $(BUILD)/nes/dsp-tone.elf
$(NES_TONE_IMAGE): tests/nes/dsp_tone.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ tests/nes/dsp_tone.c -lm
.PHONY: nes-play-test
nes-play-test: $(IMAGES)/shell.elf $(NES_HOST) $(NES_TONE_IMAGE) $(IMAGES)/hello.elf
	$(Q)/usr/bin/python3 tests/nes/test_play.py $(YOLK) $(IMAGES)/shell.elf $(NES_TONE_IMAGE) \
		$(IMAGES)/hello.elf $(NES_HOST) $(NES_DATA) $(BUILD)/nes/play-test
TEST_TARGETS += nes-play-test

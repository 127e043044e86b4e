# apps/sshd, the SSH server library (sshd.h), built with musl-gcc into libsshd.a; an image
# that links it depends on SSHD_LIBRARIES (it, libssh and mbedTLS) and gives `yolk build`
# SSHD_LINK_FLAGS (yolk build puts -l after the program's own objects).
#   make sshd-library     build it (and libssh and mbedTLS)
include third_party/libssh/libssh.mk

SSHD_SOURCES := $(wildcard apps/sshd/*.c)
SSHD_OBJECTS := $(patsubst %.c,$(BUILD)/sshd/%.o,$(SSHD_SOURCES))
SSHD_LIBRARY := $(BUILD)/lib/sshd/libsshd.a
SSHD_LIBRARIES := $(SSHD_LIBRARY) $(LIBSSH_LIBRARY) $(MBEDTLS_LIBRARIES)
SSHD_LINK_FLAGS := -L$(BUILD)/lib/sshd -lsshd -L$(LIBSSH_OBJECTS_DIR)/src -lssh \
	-L$(MBEDTLS_ROOT)/lib -lmbedtls -lmbedx509 -lmbedcrypto
SSHD_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-omit-frame-pointer -D_GNU_SOURCE \
	-MMD -MP $(LIBSSH_CFLAGS)

$(BUILD)/sshd/%.o: %.c $(LIBSSH_LIBRARY) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)musl-gcc $(SSHD_CFLAGS) -c $< -o $@
-include $(SSHD_OBJECTS:.o=.d)
$(SSHD_LIBRARY): $(SSHD_OBJECTS)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

# The same flags with absolute paths, for builds outside this Makefile that link the shell's
# commands (tests/integration/shell_sessions.build).
SSHD_LINK_FLAGS_FILE := $(BUILD)/lib/sshd/link-flags
$(SSHD_LINK_FLAGS_FILE): apps/sshd/sshd.mk $(SSHD_LIBRARIES)
	@mkdir -p $(dir $@)
	$(Q)echo "-L$(abspath $(BUILD)/lib/sshd) -lsshd -L$(abspath $(LIBSSH_OBJECTS_DIR)/src)" \
		"-lssh -L$(abspath $(MBEDTLS_ROOT)/lib) -lmbedtls -lmbedx509 -lmbedcrypto" >$@

.PHONY: sshd-library
sshd-library: $(SSHD_LIBRARIES) $(SSHD_LINK_FLAGS_FILE)

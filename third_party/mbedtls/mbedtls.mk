# mbedTLS 2.28 from Debian's mbedtls source package, built with musl-gcc into static
# libraries for Yolk images: the cryptography under libssh (third_party/libssh/libssh.mk) and
# apps/sshd's password hashing. Yolk's configuration is Debian's default (include/mbedtls/
# config.h) plus threading on pthreads, which libssh's ssh_init() needs: MBEDTLS_CFLAGS, given
# to everything that includes an mbedTLS header, so that all see the same structures. The headers and libraries are staged in $(MBEDTLS_ROOT), laid out
# as libssh's FindMbedTLS expects.
#   make mbedtls          fetch and build
# (Included by libssh.mk, which comes first in the Makefile's list, and by the Makefile.)
ifndef MBEDTLS_DEBIAN_VERSION
MBEDTLS_DEBIAN_VERSION := 2.28.3-1

MBEDTLS_DIR := $(BUILD)/third_party/mbedtls
MBEDTLS_FETCHED := $(MBEDTLS_DIR)/fetched-$(MBEDTLS_DEBIAN_VERSION)
MBEDTLS_SOURCE := $(MBEDTLS_DIR)/source
MBEDTLS_ROOT := $(MBEDTLS_DIR)/root
MBEDTLS_LIBRARIES := $(MBEDTLS_ROOT)/lib/libmbedtls.a $(MBEDTLS_ROOT)/lib/libmbedx509.a \
	$(MBEDTLS_ROOT)/lib/libmbedcrypto.a
# What every compilation that includes an mbedTLS header needs.
MBEDTLS_CFLAGS := -I$(abspath $(MBEDTLS_ROOT))/include -DMBEDTLS_THREADING_C \
	-DMBEDTLS_THREADING_PTHREAD

$(MBEDTLS_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(MBEDTLS_DIR)
	$(Q)rm -f $(MBEDTLS_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh mbedtls $(MBEDTLS_DEBIAN_VERSION) $(MBEDTLS_DIR)
	$(Q)touch $@

# The library's own Makefile; -fPIC as musl is built (the image runs in the top 2 GiB).
$(MBEDTLS_LIBRARIES) &: $(MBEDTLS_FETCHED) third_party/mbedtls/mbedtls.mk
	@echo "mbedtls: building"
	$(Q)$(MAKE) --no-print-directory -C $(MBEDTLS_SOURCE)/library clean >/dev/null
	$(Q)$(MAKE) --no-print-directory -C $(MBEDTLS_SOURCE)/library \
		$(if $(findstring jobserver,$(MAKEFLAGS)),,-j2) CC=musl-gcc AR=ar \
		CFLAGS="-O2 -g -fPIC -DMBEDTLS_THREADING_C -DMBEDTLS_THREADING_PTHREAD" static >$(MBEDTLS_DIR)/build.log 2>&1 || \
		{ tail -40 $(MBEDTLS_DIR)/build.log; exit 1; }
	$(Q)rm -rf $(MBEDTLS_ROOT) && mkdir -p $(MBEDTLS_ROOT)/lib
	$(Q)cp -r $(MBEDTLS_SOURCE)/include $(MBEDTLS_ROOT)/include
	$(Q)cp $(MBEDTLS_SOURCE)/library/libmbedtls.a $(MBEDTLS_SOURCE)/library/libmbedx509.a \
		$(MBEDTLS_SOURCE)/library/libmbedcrypto.a $(MBEDTLS_ROOT)/lib/

.PHONY: mbedtls
mbedtls: $(MBEDTLS_LIBRARIES)
endif

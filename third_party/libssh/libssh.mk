# libssh 0.10 from Debian's libssh source package (Debian's patches applied: its security
# fixes), the server side with SFTP, on mbedTLS (third_party/mbedtls/mbedtls.mk), built with
# CMake and musl-gcc (third_party/libssh/musl-toolchain.cmake) into one static library for
# apps/sshd. No zlib, GSSAPI, PCAP or examples: nothing an image would not use.
#   make libssh           fetch and build
# (Included by apps/sshd/sshd.mk, which the Makefile includes first, and by the Makefile.)
ifndef LIBSSH_DEBIAN_VERSION
include third_party/mbedtls/mbedtls.mk

LIBSSH_DEBIAN_VERSION := 0.10.6-0+deb12u2

LIBSSH_DIR := $(BUILD)/third_party/libssh
LIBSSH_FETCHED := $(LIBSSH_DIR)/fetched-$(LIBSSH_DEBIAN_VERSION)
LIBSSH_SOURCE := $(LIBSSH_DIR)/source
LIBSSH_OBJECTS_DIR := $(LIBSSH_DIR)/cmake
LIBSSH_LIBRARY := $(LIBSSH_OBJECTS_DIR)/src/libssh.a
# What a compilation that includes <libssh/...> needs (libssh_version.h is generated).
LIBSSH_CFLAGS := -I$(LIBSSH_SOURCE)/include -I$(LIBSSH_OBJECTS_DIR)/include $(MBEDTLS_CFLAGS)
LIBSSH_CMAKE_OPTIONS := -DCMAKE_TOOLCHAIN_FILE=$(abspath third_party/libssh/musl-toolchain.cmake) \
	-DCMAKE_FIND_ROOT_PATH=$(abspath $(MBEDTLS_ROOT)) \
	-DMBEDTLS_INCLUDE_DIR=$(abspath $(MBEDTLS_ROOT))/include \
	-DMBEDTLS_SSL_LIBRARY=$(abspath $(MBEDTLS_ROOT))/lib/libmbedtls.a \
	-DMBEDTLS_X509_LIBRARY=$(abspath $(MBEDTLS_ROOT))/lib/libmbedx509.a \
	-DMBEDTLS_CRYPTO_LIBRARY=$(abspath $(MBEDTLS_ROOT))/lib/libmbedcrypto.a \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS="-fPIC $(MBEDTLS_CFLAGS)" \
	-DBUILD_SHARED_LIBS=OFF -DWITH_MBEDTLS=ON -DWITH_GCRYPT=OFF -DWITH_ZLIB=OFF -DWITH_GSSAPI=OFF \
	-DWITH_PCAP=OFF -DWITH_EXAMPLES=OFF -DWITH_NACL=OFF -DWITH_SYMBOL_VERSIONING=OFF \
	-DWITH_SERVER=ON -DWITH_SFTP=ON -DUNIT_TESTING=OFF -DWITH_DEBUG_CALLTRACE=OFF

$(LIBSSH_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(LIBSSH_DIR)
	$(Q)rm -f $(LIBSSH_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh libssh $(LIBSSH_DEBIAN_VERSION) $(LIBSSH_DIR)
	$(Q)touch $@

$(LIBSSH_LIBRARY): $(LIBSSH_FETCHED) $(MBEDTLS_LIBRARIES) third_party/libssh/libssh.mk \
		third_party/libssh/musl-toolchain.cmake
	@echo "libssh: building"
	$(Q)rm -rf $(LIBSSH_OBJECTS_DIR) && mkdir -p $(LIBSSH_OBJECTS_DIR)
	$(Q)cmake -S $(LIBSSH_SOURCE) -B $(LIBSSH_OBJECTS_DIR) $(LIBSSH_CMAKE_OPTIONS) \
		>$(LIBSSH_DIR)/configure.log 2>&1 || { tail -40 $(LIBSSH_DIR)/configure.log; exit 1; }
	$(Q)$(MAKE) --no-print-directory -C $(LIBSSH_OBJECTS_DIR) \
		$(if $(findstring jobserver,$(MAKEFLAGS)),,-j2) ssh >$(LIBSSH_DIR)/build.log 2>&1 || \
		{ tail -40 $(LIBSSH_DIR)/build.log; exit 1; }

.PHONY: libssh
libssh: $(LIBSSH_LIBRARY)
endif

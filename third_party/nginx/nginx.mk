# nginx 1.22 from Debian's source package (issue 13), unmodified, configured by its own
# ./configure and built by its own make with `yolk cc` as the compiler (tools/yolk-cc): its link
# writes objs/nginx, a static musl program, and beside it objs/nginx.elf, the Yolk image. One
# process (master_process off; daemon off: third_party/nginx/nginx.conf), epoll, accept4,
# sendfile, writev. Left out at configure time, because what they need is not in Debian's musl
# (glibc-built .a files cannot be linked with musl):
#   --without-http_auth_basic_module   crypt(): musl as Debian ships it has none. The only
#       module that calls it; nginx's src/os/unix/ngx_linux_config.h still includes <crypt.h>,
#       which third_party/nginx/include/crypt.h (a declaration, nothing behind it) answers.
#   --without-http_rewrite_module --without-pcre   PCRE (regular-expression locations).
#   --without-http_gzip_module   zlib.
# The files nginx serves and its logs live under its prefix, /nginx: `make examples` lays out
# build/images/nginx/ (conf/nginx.conf, conf/mime.types, html/index.html: a 612-byte page,
# logs/, temp/) for `yolk run build/images/nginx.elf --share build/images/nginx:/nginx`.
#   make examples     builds build/images/nginx.elf and build/images/nginx/
#   make nginx-test   curl and a keep-alive client against it over QEMU's user network
# (1.22.1-9+deb12u9 is bookworm's, from its point release; the security archive's newer ones
# were not reachable from this project's machine.)
NGINX_DEBIAN_VERSION := 1.22.1-9+deb12u9

NGINX_DIR := $(BUILD)/third_party/nginx
NGINX_FETCHED := $(NGINX_DIR)/fetched-$(NGINX_DEBIAN_VERSION)
NGINX_SOURCE := $(NGINX_DIR)/source
NGINX_CONFIGURE_FLAGS := --prefix=/nginx --conf-path=conf/nginx.conf \
	--error-log-path=logs/error.log --http-log-path=logs/access.log --pid-path=logs/nginx.pid \
	--lock-path=logs/nginx.lock --http-client-body-temp-path=temp/client \
	--http-proxy-temp-path=temp/proxy --http-fastcgi-temp-path=temp/fastcgi \
	--http-uwsgi-temp-path=temp/uwsgi --http-scgi-temp-path=temp/scgi \
	--without-http_auth_basic_module --without-http_rewrite_module --without-pcre \
	--without-http_gzip_module
NGINX_ROOT := $(IMAGES)/nginx

$(NGINX_FETCHED): third_party/fetch-source.sh third_party/nginx/nginx.mk | $(DEPS_STAMP)
	@mkdir -p $(NGINX_DIR)
	$(Q)rm -f $(NGINX_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh nginx $(NGINX_DEBIAN_VERSION) $(NGINX_DIR)
	$(Q)touch $@

# configure runs its test programs on the host (yolk cc's host program; no image: faster).
$(NGINX_SOURCE)/objs/Makefile: $(NGINX_FETCHED) third_party/nginx/include/crypt.h | $(YOLK_LIB_FILES) $(YOLK)
	@echo "nginx: ./configure --with-cc=yolk-cc $(filter --without-%,$(NGINX_CONFIGURE_FLAGS))"
	$(Q)cd $(NGINX_SOURCE) && YOLK_CC_IMAGE=none ./configure --with-cc=$(abspath $(YOLK))-cc \
		--with-cc-opt=-I$(abspath third_party/nginx/include) $(NGINX_CONFIGURE_FLAGS) \
		>$(abspath $(NGINX_DIR))/configure.log 2>&1 || { tail -20 $(abspath $(NGINX_DIR))/configure.log; exit 1; }

# A new kernel or yolk tool does not compile nginx again: the image is linked again below.
$(NGINX_SOURCE)/objs/nginx: $(NGINX_SOURCE)/objs/Makefile | $(YOLK_LIB_FILES) $(YOLK)
	@echo "nginx: make (CC=yolk-cc)"
	$(Q)rm -f $@
	$(Q)$(MAKE) --no-print-directory -C $(NGINX_SOURCE) >$(NGINX_DIR)/make.log 2>&1 || \
		{ rm -f $@; tail -20 $(NGINX_DIR)/make.log; exit 1; }
	$(Q)touch $@

# The image its link wrote beside the program, or, when the kernel or the tool is newer than
# that, the image linked again from the program's recipe (yolk build --from).
NGINX_IMAGE_INPUTS := $(filter-out $(YOLK_LIB)/version $(YOLK_LIB)/kvm-probe.elf,$(YOLK_LIB_FILES)) $(YOLK)
$(IMAGES)/nginx.elf: $(NGINX_SOURCE)/objs/nginx $(NGINX_IMAGE_INPUTS)
	@mkdir -p $(dir $@)
	$(Q)if [ -z "$$(find $(NGINX_IMAGE_INPUTS) -newer $<.elf)" ]; then cp $<.elf $@; \
	else echo "nginx: yolk build --from $<"; $(YOLK) build -o $@ --from $<; fi

# Its prefix folder: configuration, the page, and empty logs/ and temp/.
$(NGINX_ROOT)/conf/nginx.conf: third_party/nginx/nginx.conf third_party/nginx/index.html $(NGINX_FETCHED)
	@mkdir -p $(NGINX_ROOT)/conf $(NGINX_ROOT)/html $(NGINX_ROOT)/logs $(NGINX_ROOT)/temp
	$(Q)cp $(NGINX_SOURCE)/conf/mime.types $(NGINX_ROOT)/conf/
	$(Q)cp third_party/nginx/index.html $(NGINX_ROOT)/html/index.html
	$(Q)cp third_party/nginx/nginx.conf $@
EXAMPLE_IMAGES += $(IMAGES)/nginx.elf $(NGINX_ROOT)/conf/nginx.conf

.PHONY: nginx-test
nginx-test: $(IMAGES)/nginx.elf $(NGINX_ROOT)/conf/nginx.conf | $(DEPS_STAMP)
	$(Q)tests/nginx/run.sh $(IMAGES)/nginx.elf $(NGINX_ROOT) $(BUILD)/tests/nginx
TEST_TARGETS += nginx-test

# CivetWeb 1.15 from Debian's civetweb source package (MIT): the HTTP server under apps/httpd
# (issue 12), built against musl into one object that images with httpd link.
CIVETWEB_DEBIAN_VERSION := 1.15+dfsg-4

CIVETWEB_DIR := $(BUILD)/third_party/civetweb
CIVETWEB_FETCHED := $(CIVETWEB_DIR)/fetched-$(CIVETWEB_DEBIAN_VERSION)
CIVETWEB_INCLUDE := $(CIVETWEB_DIR)/source/include
CIVETWEB_OBJECT := $(CIVETWEB_DIR)/civetweb.o
# What is left out, and why:
#   -DNO_SSL        no TLS library in an image yet (https would need mbedTLS wired to CivetWeb)
#   -DNO_CGI        CGI forks and execs a program per request: a Yolk image is one program
# and what is added:
#   -DUSE_IPV6      listen on IPv6 as well ("+PORT": one dual-stack socket)
#   -DNO_SSL_DL     implied by NO_SSL: nothing is loaded with dlopen (static images have none)
# Lua, Duktape, WebSocket, HTTP/2, zlib and the server statistics are off by CivetWeb's defaults
# (their USE_* macros are not defined). -fno-omit-frame-pointer keeps its frames in the
# stacks of /proc/stacks and crash reports, as yolk build does for application code; -w: the
# warnings of upstream's code (and musl's <sys/poll.h> redirect) are not ours to fix.
CIVETWEB_CFLAGS := -O2 -g -fno-omit-frame-pointer -DNO_SSL -DNO_SSL_DL -DNO_CGI -DUSE_IPV6 \
	-I$(CIVETWEB_INCLUDE)

$(CIVETWEB_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(CIVETWEB_DIR)
	$(Q)rm -f $(CIVETWEB_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh civetweb $(CIVETWEB_DEBIAN_VERSION) $(CIVETWEB_DIR)
	$(Q)touch $@
# The header comes with the fetch.
$(CIVETWEB_INCLUDE)/civetweb.h: $(CIVETWEB_FETCHED)
$(CIVETWEB_OBJECT): $(CIVETWEB_FETCHED) third_party/civetweb/civetweb.mk
	$(Q)musl-gcc $(CIVETWEB_CFLAGS) -w -c $(CIVETWEB_DIR)/source/src/civetweb.c -o $@

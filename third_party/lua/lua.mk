# Lua 5.4 from Debian's source package, built into Yolk images: the interpreter is a real,
# unmodified C program of some size (33 source files), run against both libcs (issue 6).
#   make lua-test     fetch, build lua.elf twice (direct-call musl and Debian's libc.a), and
#                     run tests/lua/test.lua with each
LUA_DEBIAN_VERSION := 5.4.4-3+deb12u1

LUA_DIR := $(BUILD)/third_party/lua
LUA_FETCHED := $(LUA_DIR)/fetched-$(LUA_DEBIAN_VERSION)
# The interpreter: every core and library file of src/ except the compiler's luac.c.
LUA_CFLAGS := -O2 -DLUA_USE_POSIX -Ithird_party/lua

$(LUA_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(LUA_DIR)
	$(Q)rm -f $(LUA_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh lua5.4 $(LUA_DEBIAN_VERSION) $(LUA_DIR)
	$(Q)touch $@

$(LUA_DIR)/lua-%.elf: $(LUA_FETCHED) $(YOLK_LIB_FILES) $(YOLK) tests/lua/test.lua
	$(Q)$(YOLK) build --libc=$* --fs tests/lua -o $@ $(LUA_CFLAGS) \
		$(filter-out %/luac.c,$(wildcard $(LUA_DIR)/source/src/*.c))

.PHONY: lua-test
lua-test: $(LUA_DIR)/lua-direct.elf $(LUA_DIR)/lua-debian.elf
	$(Q)tests/lua/run.sh $(LUA_DIR)/lua-direct.elf $(LUA_DIR)/lua-debian.elf
TEST_TARGETS += lua-test

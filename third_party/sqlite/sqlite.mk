# SQLite 3.40 from Debian's source package (issue 13), unmodified and built by its own build
# system with `yolk cc` as CC: its configure, its own `make sqlite3.c` (the amalgamation, made
# by tclsh from src/), its shell and test/speedtest1.c. Each final link writes the host program
# and, beside it, its Yolk image (PROGRAM.elf): see yolk cc --help.
#   make examples      builds build/images/sqlite3.elf (the shell) with the other examples
#   make sqlite-test   speedtest1 --size 10 on ramfs and on a 9P share, a script of DDL, DML and
#                      queries against the host's sqlite3 (Debian's sqlite3 package), the shell
#                      on the console
SQLITE_DEBIAN_VERSION := 3.40.1-2+deb12u2

SQLITE_DIR := $(BUILD)/third_party/sqlite
SQLITE_FETCHED := $(SQLITE_DIR)/fetched-$(SQLITE_DEBIAN_VERSION)
SQLITE_BUILD := $(SQLITE_DIR)/build
# Debian's own feature set (debian/rules), but loadable extensions: an image is one static
# program, with no dlopen.
SQLITE_CFLAGS := -O2 -g -fno-strict-aliasing -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA \
	-DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1 \
	-DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1 \
	-DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ALLOW_ROWID_IN_VIEW -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 \
	-DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_THREADSAFE=1 \
	-DSQLITE_ENABLE_FTS3_TOKENIZER=1 -DSQLITE_USE_URI=1 -DSQLITE_MAX_SCHEMA_RETRY=25 \
	-DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB \
	-DSQLITE_MAX_VARIABLE_NUMBER=250000
SQLITE_CONFIGURE := --host=x86_64-linux-musl --disable-shared --enable-static --disable-tcl \
	--disable-readline --disable-editline --disable-load-extension --enable-threadsafe \
	--enable-fts4 --enable-fts5 --enable-json
SQLITE_PROGRAMS := $(SQLITE_BUILD)/sqlite3 $(SQLITE_BUILD)/speedtest1

$(SQLITE_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(SQLITE_DIR)
	$(Q)rm -f $(SQLITE_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh sqlite3 $(SQLITE_DEBIAN_VERSION) $(SQLITE_DIR)
	$(Q)touch $@

# configure's test programs are linked as host programs only (YOLK_CC_IMAGE=none: faster);
# make's links write both. A new kernel or yolk tool does not configure and compile again: the
# images are linked again below.
$(SQLITE_BUILD)/Makefile: $(SQLITE_FETCHED) third_party/sqlite/sqlite.mk | $(YOLK_LIB_FILES) $(YOLK)
	$(Q)rm -rf $(SQLITE_BUILD) && mkdir -p $(SQLITE_BUILD)
	@echo "sqlite: configure (CC='yolk cc')"
	$(Q)cd $(SQLITE_BUILD) && YOLK_CC_IMAGE=none ../source/configure CC="$(abspath $(YOLK)) cc" \
		CFLAGS="$(SQLITE_CFLAGS)" $(SQLITE_CONFIGURE) >configure.log 2>&1 || \
		{ tail -20 $(SQLITE_BUILD)/configure.log; exit 1; }

# The amalgamation and the shell's source first (tclsh), then the programs.
$(SQLITE_PROGRAMS) &: $(SQLITE_BUILD)/Makefile
	@echo "sqlite: make sqlite3.c shell.c sqlite3 speedtest1"
	$(Q)$(MAKE) --no-print-directory -C $(SQLITE_BUILD) sqlite3.c shell.c >$(SQLITE_BUILD)/make.log 2>&1 || \
		{ tail -20 $(SQLITE_BUILD)/make.log; exit 1; }
	$(Q)$(MAKE) --no-print-directory -C $(SQLITE_BUILD) sqlite3 speedtest1 >>$(SQLITE_BUILD)/make.log 2>&1 || \
		{ tail -20 $(SQLITE_BUILD)/make.log; exit 1; }
	$(Q)touch $(SQLITE_PROGRAMS)

# The image its link wrote beside the program, or, when the kernel or the tool is newer than
# that, the image linked again from the program's recipe (yolk build --from).
SQLITE_IMAGE_INPUTS := $(filter-out $(YOLK_LIB)/version $(YOLK_LIB)/kvm-probe.elf,$(YOLK_LIB_FILES)) $(YOLK)
$(IMAGES)/sqlite3.elf $(IMAGES)/speedtest1.elf: $(IMAGES)/%.elf: $(SQLITE_BUILD)/% $(SQLITE_IMAGE_INPUTS)
	@mkdir -p $(dir $@)
	$(Q)if [ -z "$$(find $(SQLITE_IMAGE_INPUTS) -newer $<.elf)" ]; then cp $<.elf $@; \
	else echo "sqlite: yolk build --from $<"; $(YOLK) build -o $@ --from $<; fi
EXAMPLE_IMAGES += $(IMAGES)/sqlite3.elf

.PHONY: sqlite-test
sqlite-test: $(IMAGES)/sqlite3.elf $(IMAGES)/speedtest1.elf
	$(Q)tests/sqlite/run.sh $(IMAGES)/sqlite3.elf $(IMAGES)/speedtest1.elf $(BUILD)/tests/sqlite
TEST_TARGETS += sqlite-test

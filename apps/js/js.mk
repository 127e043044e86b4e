# apps/js, the JavaScript runner (issue 14), built into $(YOLK_LIB)/libyolk-js.a: Duktape
# (third_party/duktape/duktape.mk), the runner's C files and its JavaScript runtime
# (apps/js/runtime/*.js and Duktape's Promise polyfill, embedded by apps/js/embed.sh).
# sockets.o (the http module) is a member of its own, linked only into images whose main calls
# js_sockets_register: the others get no network stack. main.c is the runner's own main (the
# bench's Linux build); repl.c needs the shell's line editor and is built with the shell.
JS_LIBRARY := $(YOLK_LIB)/libyolk-js.a
JS_SOURCES := $(filter-out apps/js/main.c apps/js/repl.c,$(wildcard apps/js/*.c))
JS_OBJECTS := $(patsubst apps/js/%.c,$(BUILD)/js/%.o,$(JS_SOURCES))
JS_RUNTIME := $(sort $(wildcard apps/js/runtime/*.js))
JS_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-omit-frame-pointer -D_GNU_SOURCE \
	-Iinclude -I$(DUKTAPE_INCLUDE) -MMD -MP

$(BUILD)/js/%.o: apps/js/%.c $(DUKTAPE_INCLUDE)/duk_config.h
	@mkdir -p $(dir $@)
	$(Q)musl-gcc $(JS_CFLAGS) -c $< -o $@
-include $(JS_OBJECTS:.o=.d)
$(BUILD)/js/runtime_files.c: apps/js/embed.sh $(JS_RUNTIME) $(DUKTAPE_PROMISE)
	@mkdir -p $(dir $@)
	$(Q)apps/js/embed.sh $(foreach f,$(JS_RUNTIME),$(basename $(notdir $(f)))=$(f)) \
		promise=$(DUKTAPE_PROMISE) > $@.tmp && mv $@.tmp $@
$(BUILD)/js/runtime_files.o: $(BUILD)/js/runtime_files.c
	$(Q)musl-gcc -std=gnu11 -c $< -o $@
$(JS_LIBRARY): $(JS_OBJECTS) $(BUILD)/js/runtime_files.o $(DUKTAPE_OBJECT)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

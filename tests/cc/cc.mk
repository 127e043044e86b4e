# yolk cc, the compiler driver for build systems (tests/cc/run.sh): its compile and link steps,
# yolk build --from, and this folder's small autotools and CMake projects built into images.
.PHONY: cc-test
cc-test: $(YOLK_LIB_FILES) $(YOLK) | $(DEPS_STAMP)
	$(Q)tests/cc/run.sh $(BUILD)/tests/cc
TEST_TARGETS += cc-test

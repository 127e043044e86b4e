# make bench: Yolk vs a minimal Linux VM vs the host, one table (bench/run.sh), also written to
# bench/results/latest.md. Benchmarks, not tests: nothing fails on timing, and nothing here is
# part of TEST_TARGETS. The Linux VM and the benchmark programs are built by bench/run.sh into
# $(BUILD)/bench each time (a few seconds); BENCH_RUNS, BENCH_ACCEL, BENCH_MEM and
# BENCH_LINUX_APPEND are passed through the environment.
# The network part (bench/network.py) runs in a network namespace of its own, on a tap device.
bench: all $(IMAGES)/speedtest1.elf $(IMAGES)/sqlite3.elf $(IMAGES)/redis.elf $(GUI_HOST) $(PHYSICS_HOST)
	$(Q)bench/run.sh $(BUILD)/bench
	$(Q)unshare -n /usr/bin/python3 bench/network.py $(BUILD)/bench
	$(Q)unshare -n /usr/bin/python3 bench/ssh.py $(BUILD)/bench
	$(Q)bench/sqlite.sh $(BUILD)/bench $(IMAGES)/speedtest1.elf $(SQLITE_BUILD)/speedtest1
	$(Q)bench/gui.sh $(BUILD)/bench $(IMAGES)/gui.elf $(IMAGES)/physics.elf $(GUI_HOST) \
		$(PHYSICS_HOST)
	$(Q)bench/smallest_memory.sh $(IMAGES)/sqlite3.elf $(IMAGES)/redis.elf $(BUILD)/bench/memory
# The GUI toolkit's frame times and the physics demo's steps (bench/gui.sh; bench/results/gui.md).
.PHONY: bench-gui
bench-gui: all $(GUI_HOST) $(PHYSICS_HOST)
	$(Q)bench/gui.sh $(BUILD)/bench $(IMAGES)/gui.elf $(IMAGES)/physics.elf $(GUI_HOST) \
		$(PHYSICS_HOST)
# The smallest --mem the sqlite3 shell and redis-server run their work in (bench/smallest_memory.sh).
.PHONY: bench-memory
bench-memory: all $(IMAGES)/sqlite3.elf $(IMAGES)/redis.elf
	$(Q)bench/smallest_memory.sh $(IMAGES)/sqlite3.elf $(IMAGES)/redis.elf $(BUILD)/bench/memory
# SQLite's speedtest1 --size 25, Yolk vs the Linux VM (bench/sqlite.sh; bench/results/sqlite.md).
.PHONY: bench-sqlite
bench-sqlite: all $(IMAGES)/speedtest1.elf
	$(Q)bench/sqlite.sh $(BUILD)/bench $(IMAGES)/speedtest1.elf $(SQLITE_BUILD)/speedtest1
.PHONY: bench-network
bench-network: all
	$(Q)unshare -n /usr/bin/python3 bench/network.py $(BUILD)/bench
# The ssh part (bench/ssh.py): Yolk's sshd against Dropbear in the Linux VM, on a tap device too.
.PHONY: bench-ssh
bench-ssh: all
	$(Q)unshare -n /usr/bin/python3 bench/ssh.py $(BUILD)/bench
# nginx and redis from Debian's sources (third_party/nginx, third_party/redis) for network.py.
BENCH_NETWORK_PROGRAMS := $(IMAGES)/nginx.elf $(IMAGES)/nginx/conf/nginx.conf $(IMAGES)/redis.elf
bench bench-network: $(BENCH_NETWORK_PROGRAMS)

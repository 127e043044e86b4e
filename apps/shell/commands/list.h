// SPDX-License-Identifier: MIT
/* Every shell command in commands/, once: COMMAND(name, usage, summary), name being both the
 * command and its function's prefix (NAME_main). COMMAND_ALIAS("name", command) adds another
 * name for a command's function (for "[", which is not an identifier). The shell's table, its
 * `help`, each command's --help and tab completion come from this list and builtins.h. */
COMMAND(basename, "PATH [SUFFIX]", "the last part of a path")
COMMAND(cat, "[FILE...]", "print files, or standard input")
COMMAND(cowsay, "[WORDS...]", "a cow says the words")
COMMAND(cp, "[-r] SOURCE... DESTINATION", "copy files (-r: directories too)")
COMMAND(cpuinfo, "", "describe the processor (/proc/cpuinfo)")
COMMAND(date, "[-u] [+FORMAT]", "print the date and time (UTC)")
COMMAND(df, "[-h]", "space used and free on each mounted filesystem")
COMMAND(dirname, "PATH", "a path without its last part")
COMMAND(dmesg, "", "print the kernel's log")
COMMAND(du, "[-s] [-h] [PATH...]", "space taken by files, down the tree")
COMMAND(echo, "[-n] [-e] [WORD...]", "print words (-n: no newline, -e: escapes)")
COMMAND(false, "", "do nothing, unsuccessfully")
COMMAND(find, "[PATH...] [-name GLOB] [-type f|d|l]", "list the paths under PATH that match")
COMMAND(free, "[-h]", "memory in use and free")
COMMAND(grep, "[-ivncqE] PATTERN [FILE...]", "print lines that match a regular expression")
COMMAND(gui, "[--open NAME]... [--frames N] [--redraw] [--report]",
	"the desktop: windows, a launcher for the demos ('q' quits; needs yolk run --gui)")
COMMAND(head, "[-n LINES | -c BYTES] [FILE...]", "print the first lines of files")
COMMAND(host, "NAME|ADDRESS", "look NAME up: its IPv4 and IPv6 addresses (/etc/hosts, DNS)")
COMMAND(hexdump, "[-C] [FILE...]", "print bytes in hexadecimal (-C: with text)")
COMMAND(httpd, "[-p PORT] [-r ROOT] [--write] [-t THREADS]",
	"serve files, /metrics and /debug/threads over HTTP (port 80) until Ctrl-C")
COMMAND(ifconfig, "[-a] [INTERFACE]",
	"show the network interfaces: flags, addresses, MAC, counters")
COMMAND(js, "[-e CODE] [FILE [ARGUMENTS...]]",
	"run JavaScript (Duktape, Node-style modules), or its REPL")
COMMAND(ln, "[-s] TARGET LINK", "make a link (-s: symbolic)")
COMMAND(ls, "[-lah1] [PATH...]", "list directory contents (-l long, -a all, -h sizes)")
COMMAND(lspci, "", "list PCI devices")
COMMAND(mkdir, "[-p] DIRECTORY...", "make directories (-p: with parents)")
COMMAND(mount, "[-t TYPE [-o OPTIONS] SOURCE TARGET]",
	"list mounts, or mount tmpfs, ramfs, proc, or a 9P2000.L server on the network: -t 9p "
	"-o trans=tcp,port=564[,aname=PATH][,msize=N] ADDRESS TARGET")
COMMAND(mv, "SOURCE... DESTINATION", "move or rename files")
COMMAND(nc, "[-l] [-p PORT] [-u] [-w SECONDS] [HOST PORT]",
	"copy stdin to a TCP or UDP peer and it to stdout (-l: listen)")
COMMAND(nes, "[--scale N] [--aspect 8:7] [--fps] ROM | --test ROM | --cpu-log FILE ROM | ...",
	"play an NES ROM on the screen, or run it headless (test result, CPU trace, screenshot)")
COMMAND(netstat, "[-tulan]", "list TCP and UDP sockets (-l listening, -a all, -t TCP, -u UDP)")
COMMAND(physics, "[--boxes N] [--seed N] [--frames N] | --steps N",
	"Chipmunk2D's Planet demo on the screen, or --steps N headless ('q' quits)")
COMMAND(ping, "[-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] HOST",
	"ICMP echo requests to HOST, a line per reply (Ctrl-C stops)")
COMMAND(printf, "FORMAT [ARGUMENT...]", "print arguments formatted")
COMMAND(ps, "", "list the threads")
COMMAND(pstack, "[TID...]", "print the symbolized stacks of every thread, or of these")
COMMAND(rm, "[-rf] PATH...", "remove files (-r: directories, -f: no errors for missing)")
COMMAND(rmdir, "DIRECTORY...", "remove empty directories")
COMMAND(seq, "[FIRST [STEP]] LAST", "print a sequence of numbers")
COMMAND(sleep, "SECONDS...", "wait (fractions allowed; Ctrl-C ends it)")
COMMAND(sort, "[-rnu] [FILE...]", "sort lines (-r reverse, -n numeric, -u unique)")
COMMAND(sshd, "[-p PORT] [-k KEY-DIR] [-a AUTHORIZED-KEYS] [--password-file FILE] [-v]",
	"the SSH server (logins are shell sessions; --hash-password)")
COMMAND(stat, "PATH...", "describe files")
COMMAND(stty, "[size | -a | SETTING...]",
	"the terminal's size and modes (echo icanon isig raw sane rows N cols N)")
COMMAND(tail, "[-n LINES] [-f] [FILE]", "print the last lines (-f: follow)")
COMMAND(tee, "[-a] [FILE...]", "copy standard input to files and standard output")
COMMAND(test, "EXPRESSION", "evaluate an expression (also [ EXPRESSION ])")
COMMAND_ALIAS("[", test)
COMMAND(top, "[-n COUNT] [-d SECONDS]", "threads by CPU use, refreshed ('q' quits)")
COMMAND(touch, "FILE...", "make files or set their times to now")
COMMAND(true, "", "do nothing, successfully")
COMMAND(umount, "TARGET", "unmount a filesystem")
COMMAND(uniq, "[-c] [FILE]", "drop repeated adjacent lines (-c: count them)")
COMMAND(uptime, "", "how long the machine has been up")
COMMAND(wc, "[-lwc] [FILE...]", "count lines, words and bytes")
COMMAND(wget, "[-O FILE] [-q] URL", "download an http:// URL to a file (-O -: standard output)")
COMMAND(yes, "[WORD...]", "print a line again and again")

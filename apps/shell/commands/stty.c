// SPDX-License-Identifier: MIT
/* stty [size | -a | SETTING...]: the terminal on standard input. `stty size` prints its rows
 * and columns (TIOCGWINSZ), `stty` and `stty -a` its size and modes; SETTING is one of
 * echo, icanon, isig (each with - to turn it off), raw, -raw, sane, rows N, cols N. */
#include <sys/ioctl.h>
#include <termios.h>
#include "../command.h"

static int print_size(int fd)
{
	struct winsize size;

	if (ioctl(fd, TIOCGWINSZ, &size)) {
		perror("stty: standard input");
		return 1;
	}
	printf("%u %u\n", size.ws_row, size.ws_col);
	return 0;
}

static int print_all(int fd)
{
	struct termios modes;
	struct winsize size = {0};

	if (tcgetattr(fd, &modes)) {
		perror("stty: standard input");
		return 1;
	}
	ioctl(fd, TIOCGWINSZ, &size);
	printf("rows %u; columns %u;\n%secho %sicanon %sisig %sicrnl %sopost\n", size.ws_row,
	       size.ws_col, modes.c_lflag & ECHO ? "" : "-", modes.c_lflag & ICANON ? "" : "-",
	       modes.c_lflag & ISIG ? "" : "-", modes.c_iflag & ICRNL ? "" : "-",
	       modes.c_oflag & OPOST ? "" : "-");
	return 0;
}

static bool set_flag(struct termios *modes, const char *name)
{
	static const struct {
		const char *name;
		tcflag_t flag;
	} local[] = {{"echo", ECHO}, {"icanon", ICANON}, {"isig", ISIG}};
	bool off = name[0] == '-';

	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++)
		if (strcmp(name + off, local[i].name) == 0) {
			modes->c_lflag =
			    off ? modes->c_lflag & ~local[i].flag : modes->c_lflag | local[i].flag;
			return true;
		}
	if (strcmp(name, "raw") == 0)
		cfmakeraw(modes);
	else if (strcmp(name, "-raw") == 0 || strcmp(name, "sane") == 0) {
		modes->c_iflag |= ICRNL | BRKINT;
		modes->c_oflag |= OPOST | ONLCR;
		modes->c_lflag |= ECHO | ECHOE | ICANON | ISIG | IEXTEN;
	} else
		return false;
	return true;
}

static bool set_size(int fd, const char *name, const char *value)
{
	struct winsize size;
	char *end;
	long number = value ? strtol(value, &end, 10) : -1;

	if (!value || !*value || *end || number < 0 || number > 65535 ||
	    ioctl(fd, TIOCGWINSZ, &size))
		return false;
	if (strcmp(name, "rows") == 0)
		size.ws_row = (unsigned short)number;
	else
		size.ws_col = (unsigned short)number;
	return ioctl(fd, TIOCSWINSZ, &size) == 0;
}

int stty_main(int argc, char **argv)
{
	int fd = fileno(stdin);
	struct termios modes;

	if (argc == 2 && strcmp(argv[1], "size") == 0)
		return print_size(fd);
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0))
		return print_all(fd);
	if (tcgetattr(fd, &modes)) {
		perror("stty: standard input");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "rows") == 0 || strcmp(argv[i], "cols") == 0 ||
		    strcmp(argv[i], "columns") == 0) {
			if (!set_size(fd, argv[i][0] == 'r' ? "rows" : "cols", argv[i + 1])) {
				fprintf(stderr, "stty: invalid %s '%s'\n", argv[i],
					argv[i + 1] ? argv[i + 1] : "");
				return 2;
			}
			i++;
		} else if (!set_flag(&modes, argv[i])) {
			fprintf(stderr, "stty: unknown setting '%s'\n", argv[i]);
			return 2;
		}
	}
	if (tcsetattr(fd, TCSANOW, &modes)) {
		perror("stty: standard input");
		return 1;
	}
	return 0;
}

// SPDX-License-Identifier: MIT
/* The graphical console: clears the screen, writes known lines (plain, and in colours) and the
 * window size TIOCGWINSZ reports, prints READY and echoes a line typed on the console (the
 * virtio keyboard types there too). test_graphics.py compares the capture of those cells with
 * the same text drawn on the host from the same font. Built
 * with yolk build --graphics (it opens no device itself). */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
	struct winsize size;
	char line[64];

	if (ioctl(1, TIOCGWINSZ, &size)) {
		perror("TIOCGWINSZ");
		return 1;
	}
	printf("\033[2J\033[HHello from the graphical console!\n");
	printf(
	    "\033[31mred\033[0m \033[1;32mbright green\033[0m \033[44;97mwhite on blue\033[0m\n");
	printf("window %ux%u cells, %ux%u pixels\n", size.ws_col, size.ws_row, size.ws_xpixel,
	       size.ws_ypixel);
	printf("READY\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	printf("GOT %s", line);
	return 0;
}

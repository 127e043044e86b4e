// SPDX-License-Identifier: MIT
/* A UDP echo server on argv[1] (default 7): each datagram goes back to its sender. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7;
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	char buffer[65536];

	if (bind(fd, (struct sockaddr *)&address, sizeof(address))) {
		perror("udp_echo: bind");
		return 1;
	}
	printf("udp_echo: ready on port %d\n", port);
	fflush(stdout);
	for (;;) {
		struct sockaddr_storage from;
		socklen_t length = sizeof(from);
		ssize_t count =
		    recvfrom(fd, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &length);
		if (count >= 0)
			sendto(fd, buffer, (size_t)count, 0, (struct sockaddr *)&from, length);
	}
}

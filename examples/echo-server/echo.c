// SPDX-License-Identifier: MIT
/* A TCP echo server: every byte a client sends comes back, for each client on a thread of its
 * own. Ordinary POSIX C; on Yolk:
 *     tools/yolk build -o echo.elf examples/echo-server/echo.c
 *     tools/yolk run echo.elf --net user:hostfwd=tcp:127.0.0.1:7000-:7 -- [PORT]
 * and from the host: nc 127.0.0.1 7000 */
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void *serve(void *argument)
{
	int client = (int)(intptr_t)argument;
	char buffer[65536];
	ssize_t count;

	while ((count = read(client, buffer, sizeof(buffer))) > 0)
		for (ssize_t sent = 0, n; sent < count; sent += n)
			if ((n = write(client, buffer + sent, (size_t)(count - sent))) < 0)
				goto done;
done:
	close(client);
	return NULL;
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7, on = 1;
	struct sockaddr_in6 address = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
	int server = socket(AF_INET6, SOCK_STREAM, 0);

	if (server < 0 || setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    bind(server, (struct sockaddr *)&address, sizeof(address)) || listen(server, 128)) {
		perror("echo: socket, bind or listen");
		return 1;
	}
	printf("echo: listening on port %d\n", port);
	fflush(stdout);
	for (;;) {
		int client = accept(server, NULL, NULL);
		pthread_t thread;
		if (client < 0) {
			perror("echo: accept");
			continue;
		}
		if (pthread_create(&thread, NULL, serve, (void *)(intptr_t)client)) {
			close(client);
			continue;
		}
		pthread_detach(thread);
	}
}

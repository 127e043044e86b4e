// SPDX-License-Identifier: MIT
/* AF_UNIX sockets: not yet (a placeholder so that images link). */
#include "include/uapi/errno.h"
#include "net/socket.h"

int unix_socket_create(int type, int protocol, struct socket **result)
{
	(void)type;
	(void)protocol;
	(void)result;
	return -EAFNOSUPPORT;
}

int unix_socket_pair(int type, int protocol, struct socket **first, struct socket **second)
{
	(void)type;
	(void)protocol;
	(void)first;
	(void)second;
	return -EAFNOSUPPORT;
}

// SPDX-License-Identifier: MIT
/* The SFTP subsystem (version 3, what OpenSSH's sftp and scp speak) on libssh's server-side
 * message API: each request is done on the VFS with the ordinary calls and answered. Paths
 * that are not absolute are taken from /root, the home directory; no working directory of the
 * image is changed. Called on the connection's thread by session_channel_step. */
/* libssh declares its SFTP server calls only for builds that ask for them. */
#define WITH_SERVER 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libssh/sftp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "server.h"

#define HOME		"/root"
#define HANDLES_MAX	64
#define READ_MAX	(256 * 1024)
#define DIRECTORY_BATCH 64

struct sftp_open_file {
	int fd;	  /* a file, or -1 */
	DIR *dir; /* a directory, or NULL */
	char path[PATH_MAX];
	bool used;
};

struct sftp_server {
	sftp_session sftp;
	struct sftp_open_file files[HANDLES_MAX];
};

static int status_of(int error)
{
	switch (error) {
	case ENOENT:
	case ENOTDIR:
		return SSH_FX_NO_SUCH_FILE;
	case EACCES:
	case EPERM:
	case EROFS:
		return SSH_FX_PERMISSION_DENIED;
	default:
		return SSH_FX_FAILURE;
	}
}

static void reply_errno(sftp_client_message message, int error)
{
	sftp_reply_status(message, (uint32_t)status_of(error), strerror(error));
}

static void reply_result(sftp_client_message message, int result)
{
	if (result == 0)
		sftp_reply_status(message, SSH_FX_OK, "");
	else
		reply_errno(message, errno);
}

/* PATH made absolute (from /root) with ".", ".." and repeated slashes taken out. */
static bool resolve(const char *name, char *path)
{
	char joined[PATH_MAX];
	size_t length = 0;

	if (!name)
		return false;
	if ((size_t)snprintf(joined, sizeof(joined), "%s%s%s", name[0] == '/' ? "" : HOME,
			     name[0] == '/' ? "" : "/", name) >= sizeof(joined))
		return false;
	for (char *part = joined; *part;) {
		char *end = strchrnul(part, '/');
		size_t size = (size_t)(end - part);

		if (size == 2 && part[0] == '.' && part[1] == '.') {
			while (length > 0 && path[--length] != '/')
				;
		} else if (size > 0 && !(size == 1 && part[0] == '.')) {
			path[length++] = '/';
			memcpy(path + length, part, size);
			length += size;
		}
		part = *end ? end + 1 : end;
	}
	if (length == 0)
		path[length++] = '/';
	path[length] = '\0';
	return true;
}

static void fill_attributes(struct sftp_attributes_struct *attributes, const struct stat *status)
{
	memset(attributes, 0, sizeof(*attributes));
	attributes->flags = SSH_FILEXFER_ATTR_SIZE | SSH_FILEXFER_ATTR_UIDGID |
			    SSH_FILEXFER_ATTR_PERMISSIONS | SSH_FILEXFER_ATTR_ACMODTIME;
	attributes->size = (uint64_t)status->st_size;
	attributes->uid = status->st_uid;
	attributes->gid = status->st_gid;
	attributes->permissions = status->st_mode;
	attributes->atime = (uint32_t)status->st_atime;
	attributes->mtime = (uint32_t)status->st_mtime;
}

static void reply_stat(sftp_client_message message, int result, const struct stat *status)
{
	struct sftp_attributes_struct attributes;

	if (result != 0) {
		reply_errno(message, errno);
		return;
	}
	fill_attributes(&attributes, status);
	sftp_reply_attr(message, &attributes);
}

static struct sftp_open_file *new_handle(struct sftp_server *server, sftp_client_message message)
{
	for (int i = 0; i < HANDLES_MAX; i++)
		if (!server->files[i].used) {
			server->files[i] = (struct sftp_open_file){.fd = -1, .used = true};
			return &server->files[i];
		}
	sftp_reply_status(message, SSH_FX_FAILURE, "too many open handles");
	return NULL;
}

static void give_handle(struct sftp_server *server, sftp_client_message message,
			struct sftp_open_file *file)
{
	ssh_string handle = sftp_handle_alloc(server->sftp, file);

	if (!handle) {
		if (file->fd >= 0)
			close(file->fd);
		if (file->dir)
			closedir(file->dir);
		file->used = false;
		sftp_reply_status(message, SSH_FX_FAILURE, "no handle");
		return;
	}
	sftp_reply_handle(message, handle);
	ssh_string_free(handle);
}

/* The open file the message's handle names, or NULL (answered: invalid handle). */
static struct sftp_open_file *file_of(struct sftp_server *server, sftp_client_message message,
				      bool directory)
{
	struct sftp_open_file *file = sftp_handle(server->sftp, message->handle);

	if (!file || !file->used || (directory ? !file->dir : file->fd < 0)) {
		sftp_reply_status(message, SSH_FX_INVALID_HANDLE, "invalid handle");
		return NULL;
	}
	return file;
}

static int open_flags(uint32_t sftp_flags)
{
	int flags = (sftp_flags & SSH_FXF_READ) && (sftp_flags & SSH_FXF_WRITE) ? O_RDWR
		    : (sftp_flags & SSH_FXF_WRITE)				? O_WRONLY
										: O_RDONLY;

	if (sftp_flags & SSH_FXF_APPEND)
		flags |= O_APPEND;
	if (sftp_flags & SSH_FXF_CREAT)
		flags |= O_CREAT;
	if (sftp_flags & SSH_FXF_TRUNC)
		flags |= O_TRUNC;
	if (sftp_flags & SSH_FXF_EXCL)
		flags |= O_EXCL;
	return flags;
}

static void do_open(struct sftp_server *server, sftp_client_message message, const char *path)
{
	mode_t mode = 0644;
	struct sftp_open_file *file;

	if (message->attr && (message->attr->flags & SSH_FILEXFER_ATTR_PERMISSIONS))
		mode = message->attr->permissions & 07777;
	int fd = open(path, open_flags(message->flags), mode);

	if (fd < 0) {
		reply_errno(message, errno);
		return;
	}
	file = new_handle(server, message);
	if (!file) {
		close(fd);
		return;
	}
	file->fd = fd;
	snprintf(file->path, sizeof(file->path), "%s", path);
	give_handle(server, message, file);
}

static void do_opendir(struct sftp_server *server, sftp_client_message message, const char *path)
{
	DIR *dir = opendir(path);
	struct sftp_open_file *file;

	if (!dir) {
		reply_errno(message, errno);
		return;
	}
	file = new_handle(server, message);
	if (!file) {
		closedir(dir);
		return;
	}
	file->dir = dir;
	snprintf(file->path, sizeof(file->path), "%s", path);
	give_handle(server, message, file);
}

static void do_close(struct sftp_server *server, sftp_client_message message)
{
	struct sftp_open_file *file = sftp_handle(server->sftp, message->handle);
	int result = 0;

	if (!file || !file->used) {
		sftp_reply_status(message, SSH_FX_INVALID_HANDLE, "invalid handle");
		return;
	}
	if (file->fd >= 0)
		result = close(file->fd);
	if (file->dir)
		result = closedir(file->dir);
	file->used = false;
	sftp_handle_remove(server->sftp, file);
	reply_result(message, result);
}

static void do_read(struct sftp_server *server, sftp_client_message message)
{
	struct sftp_open_file *file = file_of(server, message, false);
	uint32_t length = message->len > READ_MAX ? READ_MAX : message->len;
	char *buffer;
	ssize_t count;

	if (!file)
		return;
	buffer = malloc(length ? length : 1);
	if (!buffer) {
		reply_errno(message, ENOMEM);
		return;
	}
	count = pread(file->fd, buffer, length, (off_t)message->offset);
	if (count < 0)
		reply_errno(message, errno);
	else if (count == 0 && length > 0)
		sftp_reply_status(message, SSH_FX_EOF, "end of file");
	else
		sftp_reply_data(message, buffer, (int)count);
	free(buffer);
}

static void do_write(struct sftp_server *server, sftp_client_message message)
{
	struct sftp_open_file *file = file_of(server, message, false);
	const char *data;
	size_t length, done = 0;

	if (!file)
		return;
	data = ssh_string_data(message->data);
	length = ssh_string_len(message->data);
	while (done < length) {
		ssize_t count =
		    pwrite(file->fd, data + done, length - done, (off_t)(message->offset + done));

		if (count < 0) {
			reply_errno(message, errno);
			return;
		}
		done += (size_t)count;
	}
	sftp_reply_status(message, SSH_FX_OK, "");
}

static void long_name(char *out, size_t size, const char *name, const struct stat *status)
{
	static const char kinds[] = "?pc?d?b?-?l?s???";
	char mode[11], when[32];
	struct tm time_parts;

	mode[0] = kinds[(status->st_mode >> 12) & 15];
	for (int i = 0; i < 9; i++)
		mode[1 + i] = (status->st_mode & (0400 >> i)) ? "rwxrwxrwx"[i] : '-';
	mode[10] = '\0';
	gmtime_r(&status->st_mtime, &time_parts);
	strftime(when, sizeof(when), "%b %e %H:%M", &time_parts);
	snprintf(out, size, "%s %4lu %-8s %-8s %8lld %s %s", mode, (unsigned long)status->st_nlink,
		 "root", "root", (long long)status->st_size, when, name);
}

static void do_readdir(struct sftp_server *server, sftp_client_message message)
{
	struct sftp_open_file *file = file_of(server, message, true);
	int count = 0;
	struct dirent *entry;

	if (!file)
		return;
	while (count < DIRECTORY_BATCH && (entry = readdir(file->dir))) {
		char path[PATH_MAX * 2], longname[PATH_MAX + 128];
		struct sftp_attributes_struct attributes;
		struct stat status;

		snprintf(path, sizeof(path), "%s/%s", file->path, entry->d_name);
		if (lstat(path, &status) != 0)
			memset(&status, 0, sizeof(status));
		fill_attributes(&attributes, &status);
		long_name(longname, sizeof(longname), entry->d_name, &status);
		sftp_reply_names_add(message, entry->d_name, longname, &attributes);
		count++;
	}
	if (count == 0)
		sftp_reply_status(message, SSH_FX_EOF, "end of directory");
	else
		sftp_reply_names(message);
}

/* setstat and fsetstat: size, permissions and times (owners are root's alone). */
static int apply_attributes(int fd, const char *path, sftp_attributes attributes)
{
	if ((attributes->flags & SSH_FILEXFER_ATTR_SIZE) &&
	    (fd >= 0 ? ftruncate(fd, (off_t)attributes->size)
		     : truncate(path, (off_t)attributes->size)))
		return -1;
	if ((attributes->flags & SSH_FILEXFER_ATTR_PERMISSIONS) &&
	    (fd >= 0 ? fchmod(fd, attributes->permissions & 07777)
		     : chmod(path, attributes->permissions & 07777)))
		return -1;
	if (attributes->flags & SSH_FILEXFER_ATTR_ACMODTIME) {
		struct timespec times[2] = {{.tv_sec = attributes->atime},
					    {.tv_sec = attributes->mtime}};

		if (fd >= 0 ? futimens(fd, times) : utimensat(AT_FDCWD, path, times, 0))
			return -1;
	}
	return 0;
}

static void do_realpath(sftp_client_message message, const char *path)
{
	struct sftp_attributes_struct attributes = {0};

	sftp_reply_name(message, path, &attributes);
}

static void do_rename(sftp_client_message message, const char *from, bool overwrite)
{
	char to[PATH_MAX];
	struct stat status;

	if (!resolve(sftp_client_message_get_data(message), to)) {
		reply_errno(message, ENAMETOOLONG);
		return;
	}
	if (!overwrite && lstat(to, &status) == 0) {
		sftp_reply_status(message, SSH_FX_FAILURE, "the target exists");
		return;
	}
	reply_result(message, rename(from, to));
}

static void do_hardlink(sftp_client_message message, const char *from)
{
	char to[PATH_MAX];

	if (!resolve(sftp_client_message_get_data(message), to)) {
		reply_errno(message, ENAMETOOLONG);
		return;
	}
	reply_result(message, link(from, to));
}

static void do_extended(sftp_client_message message, const char *path)
{
	const char *name = sftp_client_message_get_submessage(message);

	if (name && strcmp(name, "posix-rename@openssh.com") == 0)
		do_rename(message, path, true);
	else if (name && strcmp(name, "hardlink@openssh.com") == 0)
		do_hardlink(message, path);
	else
		sftp_reply_status(message, SSH_FX_OP_UNSUPPORTED, "unsupported extension");
}

static void do_readlink(sftp_client_message message, const char *path)
{
	char target[PATH_MAX];
	ssize_t length = readlink(path, target, sizeof(target) - 1);
	struct sftp_attributes_struct attributes = {0};

	if (length < 0) {
		reply_errno(message, errno);
		return;
	}
	target[length] = '\0';
	sftp_reply_name(message, target, &attributes);
}

static void do_fstat(struct sftp_server *server, sftp_client_message message)
{
	struct sftp_open_file *file = file_of(server, message, false);
	struct stat status;

	if (file)
		reply_stat(message, fstat(file->fd, &status), &status);
}

static void do_fsetstat(struct sftp_server *server, sftp_client_message message)
{
	struct sftp_open_file *file = file_of(server, message, false);

	if (file)
		reply_result(message, apply_attributes(file->fd, NULL, message->attr));
}

static void answer(struct sftp_server *server, sftp_client_message message)
{
	char path[PATH_MAX];
	struct stat status;
	const char *name = sftp_client_message_get_filename(message);
	uint8_t type = sftp_client_message_get_type(message);

	path[0] = '\0';
	if (name && !resolve(name, path)) {
		reply_errno(message, ENAMETOOLONG);
		return;
	}
	switch (type) {
	case SSH_FXP_OPEN:
		do_open(server, message, path);
		break;
	case SSH_FXP_OPENDIR:
		do_opendir(server, message, path);
		break;
	case SSH_FXP_CLOSE:
		do_close(server, message);
		break;
	case SSH_FXP_READ:
		do_read(server, message);
		break;
	case SSH_FXP_WRITE:
		do_write(server, message);
		break;
	case SSH_FXP_READDIR:
		do_readdir(server, message);
		break;
	case SSH_FXP_STAT:
		reply_stat(message, stat(path, &status), &status);
		break;
	case SSH_FXP_LSTAT:
		reply_stat(message, lstat(path, &status), &status);
		break;
	case SSH_FXP_FSTAT:
		do_fstat(server, message);
		break;
	case SSH_FXP_SETSTAT:
		reply_result(message, apply_attributes(-1, path, message->attr));
		break;
	case SSH_FXP_FSETSTAT:
		do_fsetstat(server, message);
		break;
	case SSH_FXP_MKDIR: {
		mode_t mode =
		    message->attr && (message->attr->flags & SSH_FILEXFER_ATTR_PERMISSIONS)
			? message->attr->permissions & 07777
			: 0755;

		reply_result(message, mkdir(path, mode));
		break;
	}
	case SSH_FXP_RMDIR:
		reply_result(message, rmdir(path));
		break;
	case SSH_FXP_REMOVE:
		reply_result(message, unlink(path));
		break;
	case SSH_FXP_RENAME:
		do_rename(message, path, false);
		break;
	case SSH_FXP_REALPATH:
		do_realpath(message, path);
		break;
	case SSH_FXP_READLINK:
		do_readlink(message, path);
		break;
	case SSH_FXP_EXTENDED:
		do_extended(message, path);
		break;
	default:
		sftp_reply_status(message, SSH_FX_OP_UNSUPPORTED, "unsupported request");
		break;
	}
}

void sftp_serve(struct connection *connection, ssh_channel channel)
{
	struct sftp_server *server = calloc(1, sizeof(*server));
	sftp_client_message message;

	if (!server)
		return;
	server->sftp = sftp_server_new(connection->session, channel);
	if (!server->sftp)
		goto err_free_server;
	if (sftp_server_init(server->sftp) < 0)
		goto err_free_sftp;
	if (connection->server->options.verbose)
		server_log(connection->server, "connection %lu: sftp", connection->number);
	while ((message = sftp_get_client_message(server->sftp))) {
		answer(server, message);
		sftp_client_message_free(message);
	}
	for (int i = 0; i < HANDLES_MAX; i++) {
		if (server->files[i].used && server->files[i].fd >= 0)
			close(server->files[i].fd);
		if (server->files[i].used && server->files[i].dir)
			closedir(server->files[i].dir);
	}
err_free_sftp:
	sftp_server_free(server->sftp);
err_free_server:
	free(server);
}

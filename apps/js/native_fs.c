// SPDX-License-Identifier: MIT
/* The fs module's native half: the synchronous file calls (POSIX, on whatever file system the
 * path is: ramfs, a 9P share, procfs), each throwing Node's kind of error. The callback forms
 * are runtime/fs.js's, over these, on the event loop. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "interpreter.h"

/* Error codes with the messages Node (libuv) gives them. */
static const struct {
	int number;
	const char *name, *message;
} error_names[] = {
    {EPERM, "EPERM", "operation not permitted"},
    {ENOENT, "ENOENT", "no such file or directory"},
    {EIO, "EIO", "i/o error"},
    {EBADF, "EBADF", "bad file descriptor"},
    {EAGAIN, "EAGAIN", "resource temporarily unavailable"},
    {ENOMEM, "ENOMEM", "not enough memory"},
    {EACCES, "EACCES", "permission denied"},
    {EFAULT, "EFAULT", "bad address in system call argument"},
    {EBUSY, "EBUSY", "resource busy or locked"},
    {EEXIST, "EEXIST", "file already exists"},
    {EXDEV, "EXDEV", "cross-device link not permitted"},
    {ENOTDIR, "ENOTDIR", "not a directory"},
    {EISDIR, "EISDIR", "illegal operation on a directory"},
    {EINVAL, "EINVAL", "invalid argument"},
    {EMFILE, "EMFILE", "too many open files"},
    {ENOSPC, "ENOSPC", "no space left on device"},
    {EROFS, "EROFS", "read-only file system"},
    {EPIPE, "EPIPE", "broken pipe"},
    {ENAMETOOLONG, "ENAMETOOLONG", "name too long"},
    {ENOSYS, "ENOSYS", "function not implemented"},
    {ENOTEMPTY, "ENOTEMPTY", "directory not empty"},
    {ELOOP, "ELOOP", "too many symbolic links encountered"},
    {ENOTSUP, "ENOTSUP", "operation not supported on socket"},
    {EADDRINUSE, "EADDRINUSE", "address already in use"},
    {ECONNREFUSED, "ECONNREFUSED", "connection refused"},
    {ECONNRESET, "ECONNRESET", "connection reset by peer"},
    {ETIMEDOUT, "ETIMEDOUT", "connection timed out"},
    {EHOSTUNREACH, "EHOSTUNREACH", "host is unreachable"},
    {ENETUNREACH, "ENETUNREACH", "network is unreachable"},
    {EINTR, "EINTR", "interrupted system call"},
    {EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported"},
};

duk_ret_t js_throw_errno(duk_context *context, int error, const char *syscall, const char *path)
{
	const char *name = "EUNKNOWN", *message = strerror(error);

	for (size_t i = 0; i < sizeof(error_names) / sizeof(error_names[0]); i++)
		if (error_names[i].number == error) {
			name = error_names[i].name;
			message = error_names[i].message;
		}
	if (path)
		duk_push_error_object(context, DUK_ERR_ERROR, "%s: %s, %s '%s'", name, message,
				      syscall, path);
	else
		duk_push_error_object(context, DUK_ERR_ERROR, "%s: %s, %s", name, message, syscall);
	duk_push_string(context, name);
	duk_put_prop_string(context, -2, "code");
	duk_push_int(context, -error);
	duk_put_prop_string(context, -2, "errno");
	duk_push_string(context, syscall);
	duk_put_prop_string(context, -2, "syscall");
	if (path) {
		duk_push_string(context, path);
		duk_put_prop_string(context, -2, "path");
	}
	return duk_throw(context);
}

/* Reads the whole file at PATH into a Node Buffer (pushed). */
static duk_ret_t native_read_file(duk_context *context)
{
	const char *path = duk_require_string(context, 0);
	int descriptor = open(path, O_RDONLY | O_CLOEXEC);
	size_t length = 0, capacity = 4096;
	struct stat status;
	char *data;

	if (descriptor < 0)
		return js_throw_errno(context, errno, "open", path);
	if (!fstat(descriptor, &status) && S_ISDIR(status.st_mode)) {
		close(descriptor);
		return js_throw_errno(context, EISDIR, "read", path);
	}
	if (!fstat(descriptor, &status) && status.st_size > 0)
		capacity = (size_t)status.st_size + 1;
	data = duk_push_dynamic_buffer(context, capacity);
	for (;;) {
		ssize_t got = read(descriptor, data + length, capacity - length);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int error = errno;

			close(descriptor);
			return js_throw_errno(context, error, "read", path);
		}
		if (got == 0)
			break;
		length += (size_t)got;
		if (length == capacity)
			data = duk_resize_buffer(context, -1, capacity *= 2);
	}
	close(descriptor);
	duk_resize_buffer(context, -1, length);
	duk_push_buffer_object(context, -1, 0, length, DUK_BUFOBJ_NODEJS_BUFFER);
	return 1;
}

/* writeFile(path, data, append): data a string or a buffer. */
static duk_ret_t native_write_file(duk_context *context)
{
	const char *path = duk_require_string(context, 0);
	int flags =
	    O_WRONLY | O_CREAT | O_CLOEXEC | (duk_to_boolean(context, 2) ? O_APPEND : O_TRUNC);
	duk_size_t length;
	const char *data;
	int descriptor;

	if (duk_is_string(context, 1))
		data = duk_get_lstring(context, 1, &length);
	else
		data = duk_require_buffer_data(context, 1, &length);
	descriptor = open(path, flags, 0666);
	if (descriptor < 0)
		return js_throw_errno(context, errno, "open", path);
	while (length) {
		ssize_t written = write(descriptor, data, length);

		if (written < 0 && errno == EINTR)
			continue;
		if (written <= 0) {
			int error = written < 0 ? errno : EIO;

			close(descriptor);
			return js_throw_errno(context, error, "write", path);
		}
		data += written;
		length -= (size_t)written;
	}
	if (close(descriptor))
		return js_throw_errno(context, errno, "close", path);
	return 0;
}

static duk_ret_t native_exists(duk_context *context)
{
	struct stat status;

	duk_push_boolean(context, !stat(duk_require_string(context, 0), &status));
	return 1;
}

static duk_ret_t native_readdir(duk_context *context)
{
	const char *path = duk_require_string(context, 0);
	DIR *directory = opendir(path);
	struct dirent *entry;
	duk_uarridx_t index = 0;

	if (!directory)
		return js_throw_errno(context, errno, "scandir", path);
	duk_push_array(context);
	while ((entry = readdir(directory))) {
		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		duk_push_string(context, entry->d_name);
		duk_put_prop_index(context, -2, index++);
	}
	closedir(directory);
	return 1;
}

static double milliseconds(const struct timespec *time)
{
	return (double)time->tv_sec * 1000.0 + (double)time->tv_nsec / 1e6;
}

/* stat(path, follow): the fields of Node's fs.Stats (runtime/fs.js adds the methods). */
static duk_ret_t native_stat(duk_context *context)
{
	const char *path = duk_require_string(context, 0);
	bool follow = duk_to_boolean(context, 1);
	struct stat status;

	if (follow ? stat(path, &status) : lstat(path, &status))
		return js_throw_errno(context, errno, follow ? "stat" : "lstat", path);
	duk_push_object(context);
	js_put_number(context, "dev", (double)status.st_dev);
	js_put_number(context, "ino", (double)status.st_ino);
	js_put_number(context, "mode", status.st_mode);
	js_put_number(context, "nlink", (double)status.st_nlink);
	js_put_number(context, "uid", status.st_uid);
	js_put_number(context, "gid", status.st_gid);
	js_put_number(context, "rdev", (double)status.st_rdev);
	js_put_number(context, "size", (double)status.st_size);
	js_put_number(context, "blksize", (double)status.st_blksize);
	js_put_number(context, "blocks", (double)status.st_blocks);
	js_put_number(context, "atimeMs", milliseconds(&status.st_atim));
	js_put_number(context, "mtimeMs", milliseconds(&status.st_mtim));
	js_put_number(context, "ctimeMs", milliseconds(&status.st_ctim));
	return 1;
}

static duk_ret_t native_mkdir(duk_context *context)
{
	const char *path = duk_require_string(context, 0);

	if (mkdir(path, (mode_t)duk_get_uint_default(context, 1, 0777)))
		return js_throw_errno(context, errno, "mkdir", path);
	return 0;
}

static duk_ret_t native_rmdir(duk_context *context)
{
	const char *path = duk_require_string(context, 0);

	if (rmdir(path))
		return js_throw_errno(context, errno, "rmdir", path);
	return 0;
}

static duk_ret_t native_unlink(duk_context *context)
{
	const char *path = duk_require_string(context, 0);

	if (unlink(path))
		return js_throw_errno(context, errno, "unlink", path);
	return 0;
}

static duk_ret_t native_rename(duk_context *context)
{
	const char *from = duk_require_string(context, 0), *to = duk_require_string(context, 1);

	if (rename(from, to))
		return js_throw_errno(context, errno, "rename", from);
	return 0;
}

static duk_ret_t native_realpath(duk_context *context)
{
	const char *path = duk_require_string(context, 0);
	char resolved[PATH_MAX];

	if (!realpath(path, resolved))
		return js_throw_errno(context, errno, "realpath", path);
	duk_push_string(context, resolved);
	return 1;
}

void js_fs_bind(duk_context *context)
{
	static const duk_function_list_entry functions[] = {
	    {"readFile", native_read_file, 1},
	    {"writeFile", native_write_file, 3},
	    {"exists", native_exists, 1},
	    {"readdir", native_readdir, 1},
	    {"stat", native_stat, 2},
	    {"mkdir", native_mkdir, 2},
	    {"rmdir", native_rmdir, 1},
	    {"unlink", native_unlink, 1},
	    {"rename", native_rename, 2},
	    {"realpath", native_realpath, 1},
	    {NULL, NULL, 0},
	};

	duk_put_function_list(context, -1, functions);
}

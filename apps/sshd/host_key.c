// SPDX-License-Identifier: MIT
/* sshd's host key: DIRECTORY/ssh_host_ed25519_key (OpenSSH's format, with the public key
 * beside it as .pub), made at the first start and read by libssh at each connection. Where
 * DIRECTORY is a share or a disk, the key outlives the boot and clients keep trusting it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "server.h"

static int write_public_key(ssh_key key, const char *path)
{
	char *base64 = NULL;
	FILE *file;

	if (ssh_pki_export_pubkey_base64(key, &base64) != SSH_OK)
		return -EIO;
	file = fopen(path, "w");
	if (!file) {
		free(base64);
		return -errno;
	}
	fprintf(file, "ssh-ed25519 %s root@yolk\n", base64);
	free(base64);
	return fclose(file) ? -errno : 0;
}

static int make_key(struct sshd_server *server, const char *directory, const char *path)
{
	char public_path[PATH_MAX + 8];
	ssh_key key = NULL;
	int result;

	if (mkdir(directory, 0755) && errno != EEXIST)
		return -errno;
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
		return -EIO;
	result = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path) == SSH_OK ? 0 : -EIO;
	if (result == 0) {
		chmod(path, 0600);
		snprintf(public_path, sizeof(public_path), "%s.pub", path);
		result = write_public_key(key, public_path);
	}
	ssh_key_free(key);
	if (result == 0)
		server_log(server, "made the host key %s", path);
	return result;
}

static void log_fingerprint(struct sshd_server *server, ssh_key key)
{
	unsigned char *hash = NULL;
	size_t length = 0;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != 0)
		return;
	char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);

	if (text)
		server_log(server, "host key %s", text);
	ssh_string_free_char(text);
	ssh_clean_pubkey_hash(&hash);
}

int host_key_prepare(struct sshd_server *server, const char *directory, char *path, size_t size)
{
	ssh_key key = NULL;
	int result = 0;

	if ((size_t)snprintf(path, size, "%s/ssh_host_ed25519_key", directory) >= size)
		return -ENAMETOOLONG;
	if (access(path, F_OK) != 0) {
		result = make_key(server, directory, path);
		if (result)
			return result;
	}
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK) {
		server_log(server, "%s: not an OpenSSH private key libssh can read", path);
		return -EINVAL;
	}
	if (ssh_key_type(key) != SSH_KEYTYPE_ED25519)
		result = -EINVAL;
	else
		log_fingerprint(server, key);
	ssh_key_free(key);
	if (result)
		server_log(server, "%s: not an Ed25519 key", path);
	return result;
}

// SPDX-License-Identifier: MIT
/* Password hashes for sshd's password logins: PBKDF2-HMAC-SHA256 from mbedTLS, in the format
 * of password.h, read from the file `sshd --password-file` names and written by
 * sshd_password_hash (`sshd --hash-password`, or tools/sshd-password-hash on the host). */
#include "password.h"
#include <errno.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "sshd.h"

#define PREFIX "pbkdf2-sha256:"

static int derive(const char *password, const unsigned char *salt, unsigned iterations,
		  unsigned char *output)
{
	mbedtls_md_context_t context;
	int result;

	mbedtls_md_init(&context);
	result = mbedtls_md_setup(&context, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1);
	if (result == 0)
		result = mbedtls_pkcs5_pbkdf2_hmac(&context, (const unsigned char *)password,
						   strlen(password), salt, PASSWORD_SALT_BYTES,
						   iterations, PASSWORD_HASH_BYTES, output);
	mbedtls_md_free(&context);
	return result == 0 ? 0 : -EIO;
}

static void put_hex(char *out, const unsigned char *bytes, size_t count)
{
	for (size_t i = 0; i < count; i++)
		sprintf(out + 2 * i, "%02x", bytes[i]);
}

/* Parses exactly COUNT bytes of hexadecimal at *TEXT, moving it past them. */
static bool take_hex(const char **text, unsigned char *bytes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		unsigned value = 0;

		for (int digit = 0; digit < 2; digit++) {
			char c = *(*text)++;

			if (c >= '0' && c <= '9')
				value = value * 16 + (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				value = value * 16 + (unsigned)(c - 'a' + 10);
			else
				return false;
		}
		bytes[i] = (unsigned char)value;
	}
	return true;
}

int password_hash_parse(const char *line, struct password_hash *hash, const char **reason)
{
	char *end;

	if (strncmp(line, PREFIX, strlen(PREFIX)) != 0) {
		*reason = "not a pbkdf2-sha256: line";
		return -EINVAL;
	}
	line += strlen(PREFIX);
	unsigned long iterations = strtoul(line, &end, 10);

	if (end == line || *end != ':' || iterations < 1000 || iterations > 10000000) {
		*reason = "the iteration count is not a number from 1000 to 10000000";
		return -EINVAL;
	}
	hash->iterations = (unsigned)iterations;
	line = end + 1;
	if (!take_hex(&line, hash->salt, PASSWORD_SALT_BYTES) || *line++ != ':') {
		*reason = "the salt is not 32 hexadecimal digits";
		return -EINVAL;
	}
	if (!take_hex(&line, hash->hash, PASSWORD_HASH_BYTES) ||
	    (*line && *line != '\n' && *line != '\r')) {
		*reason = "the hash is not 64 hexadecimal digits";
		return -EINVAL;
	}
	return 0;
}

int password_file_read(const char *path, struct password_hash *hash, const char **reason)
{
	char line[512];
	FILE *file = fopen(path, "r");
	int result = -EINVAL;

	if (!file)
		return -errno;
	*reason = "no pbkdf2-sha256: line";
	while (fgets(line, sizeof(line), file)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		result = password_hash_parse(line, hash, reason);
		break;
	}
	fclose(file);
	return result;
}

bool password_matches(const struct password_hash *hash, const char *password)
{
	unsigned char derived[PASSWORD_HASH_BYTES];
	unsigned char difference = 0;

	if (derive(password, hash->salt, hash->iterations, derived) != 0)
		return false;
	for (size_t i = 0; i < PASSWORD_HASH_BYTES; i++)
		difference |= derived[i] ^ hash->hash[i];
	return difference == 0;
}

int sshd_password_hash(const char *password, char *out, size_t size)
{
	struct password_hash hash = {.iterations = PASSWORD_ITERATIONS};
	int result;

	if (size < strlen(PREFIX) + 12 + 2 * (PASSWORD_SALT_BYTES + PASSWORD_HASH_BYTES) + 3)
		return -ENOSPC;
	if (getrandom(hash.salt, sizeof(hash.salt), 0) != (ssize_t)sizeof(hash.salt))
		return -EIO;
	result = derive(password, hash.salt, hash.iterations, hash.hash);
	if (result)
		return result;
	int length = sprintf(out, PREFIX "%u:", hash.iterations);

	put_hex(out + length, hash.salt, PASSWORD_SALT_BYTES);
	length += 2 * PASSWORD_SALT_BYTES;
	out[length++] = ':';
	put_hex(out + length, hash.hash, PASSWORD_HASH_BYTES);
	return 0;
}

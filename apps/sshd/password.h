// SPDX-License-Identifier: MIT
/* The password file (apps/sshd/password.c): one PBKDF2-HMAC-SHA256 hash (mbedTLS),
 *     pbkdf2-sha256:ITERATIONS:SALT:HASH        (SALT and HASH in lower-case hexadecimal)
 * on a line of its own; empty lines and lines starting with # are ignored. */
#ifndef YOLK_SSHD_PASSWORD_H
#define YOLK_SSHD_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_ITERATIONS 20000 /* what sshd_password_hash writes */
#define PASSWORD_SALT_BYTES 16
#define PASSWORD_HASH_BYTES 32

struct password_hash {
	unsigned iterations;
	unsigned char salt[PASSWORD_SALT_BYTES];
	unsigned char hash[PASSWORD_HASH_BYTES];
};

/* Reads the hash in PATH into HASH; returns 0, or -errno (-EINVAL: no valid line, with the
 * reason in REASON). */
int password_file_read(const char *path, struct password_hash *hash, const char **reason);
/* Parses one line; returns 0 or -EINVAL with the reason in REASON. */
int password_hash_parse(const char *line, struct password_hash *hash, const char **reason);
/* Whether PASSWORD hashes to HASH (compared in constant time). */
bool password_matches(const struct password_hash *hash, const char *password);

#endif

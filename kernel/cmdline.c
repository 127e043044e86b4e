// SPDX-License-Identifier: MIT
/* Command-line splitting (see kernel/cmdline.h). */
#include "kernel/cmdline.h"
#include "lib/string.h"

/* Copies the next word into *storage and returns the rest of the line, or NULL at the end. */
static const char *next_word(const char *line, char **storage, char *storage_end, bool *truncated)
{
	bool quoted = false;
	char *out = *storage;

	while (*line == ' ' || *line == '\t' || *line == '\n')
		line++;
	if (!*line)
		return NULL;
	for (; *line && (quoted || (*line != ' ' && *line != '\t' && *line != '\n')); line++) {
		char character = *line;
		if (character == '"') {
			quoted = !quoted;
			continue;
		}
		if (character == '\\' && line[1])
			character = *++line;
		if (out + 1 < storage_end)
			*out++ = character;
		else
			*truncated = true;
	}
	*out++ = 0;
	*storage = out;
	return line;
}

static bool take_kernel_option(struct cmdline *result, char *word)
{
	if (!strncmp(word, "ip=", 3)) {
		result->network_address = word + 3;
		return true;
	}
	if (!strncmp(word, "gw=", 3)) {
		result->network_gateway = word + 3;
		return true;
	}
	if (!strncmp(word, "dns=", 4)) {
		result->network_dns = word + 4;
		return true;
	}
	if (!strncmp(word, "loglevel=", 9)) {
		int level = 0;
		for (const char *digit = word + 9; *digit >= '0' && *digit <= '9'; digit++)
			level = level * 10 + (*digit - '0');
		result->log_level = level;
		return true;
	}
	if (!strncmp(word, "yolk.tsc_hz=", 12)) {
		result->tsc_hz = 0;
		for (const char *digit = word + 12; *digit >= '0' && *digit <= '9'; digit++)
			result->tsc_hz = result->tsc_hz * 10 + (uint64_t)(*digit - '0');
		return true;
	}
	if (!strncmp(word, "yolk.cwd=", 9)) {
		result->working_directory = word + 9;
		return true;
	}
	if (!strncmp(word, "yolk.streams=", 13)) {
		for (const char *digit = word + 13; *digit >= '0' && *digit <= '2'; digit++)
			result->streams |= 1u << (*digit - '0');
		return true;
	}
	if (!strcmp(word, "quiet")) {
		result->log_level = 3;
		return true;
	}
	/* Other yolk.* options are read by the parts they are for (yolk.resolution=: graphics),
	 * never the program's environment. */
	return !strncmp(word, "yolk.", 5);
}

static void add(char **list, unsigned *count, char *word, bool *truncated)
{
	if (*count < CMDLINE_MAX_WORDS)
		list[(*count)++] = word;
	else
		*truncated = true;
}

void cmdline_parse(struct cmdline *result, const char *line)
{
	char *storage = result->storage, *end = result->storage + CMDLINE_STORAGE;
	bool after_separator = false;

	result->argument_count = result->environment_count = result->virtio_mmio_count = 0;
	result->arguments = result->argument_words;
	result->log_level = -1;
	result->network_address = result->network_gateway = result->network_dns = NULL;
	result->streams = 0;
	result->working_directory = NULL;
	result->tsc_hz = 0;
	result->truncated = false;
	while (storage + 1 < end) {
		char *word = storage;
		const char *rest = next_word(line, &storage, end, &result->truncated);
		if (!rest)
			break;
		line = rest;
		if (!strncmp(word, "virtio_mmio.device=", 19)) {
			if (result->virtio_mmio_count < 8)
				result->virtio_mmio_devices[result->virtio_mmio_count++] =
				    word + 19;
			continue;
		}
		if (after_separator)
			add(result->arguments, &result->argument_count, word, &result->truncated);
		else if (!strcmp(word, "--"))
			after_separator = true;
		else if (take_kernel_option(result, word))
			continue;
		else if (strchr(word, '='))
			add(result->environment, &result->environment_count, word,
			    &result->truncated);
		else
			add(result->arguments, &result->argument_count, word, &result->truncated);
	}
	result->arguments[result->argument_count] = NULL;
	result->environment[result->environment_count] = NULL;
}

static bool has_variable(const struct cmdline *cmdline, const char *variable)
{
	size_t name_length = (size_t)(strchr(variable, '=') - variable) + 1;

	for (unsigned i = 0; i < cmdline->environment_count; i++)
		if (!strncmp(cmdline->environment[i], variable, name_length))
			return true;
	return false;
}

void cmdline_add_default_environment(struct cmdline *cmdline)
{
	static const char *const defaults[] = CMDLINE_DEFAULT_ENVIRONMENT;

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (!has_variable(cmdline, defaults[i]))
			add(cmdline->environment, &cmdline->environment_count, (char *)defaults[i],
			    &cmdline->truncated);
	cmdline->environment[cmdline->environment_count] = NULL;
}

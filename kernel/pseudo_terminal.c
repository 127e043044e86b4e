// SPDX-License-Identifier: MIT
/* Pseudo-terminals, Linux's Unix 98 kind: opening /dev/ptmx makes a pair, the master (that
 * descriptor) and the slave /dev/pts/N, a terminal with the console's line discipline
 * (kernel/terminal.c). What the master writes is the slave's input; what the slave writes
 * (and its echo) the master reads. TIOCGPTN names N, TIOCSPTLCK locks and unlocks the slave
 * (posix_openpt, grantpt, unlockpt, ptsname and openpty work as with glibc or musl on Linux),
 * TIOCSWINSZ on either side sets the window size (SIGWINCH), TIOCSIG on the master signals the
 * slave's foreground process group. When the master closes, the slave hangs up (end of file,
 * SIGHUP) and /dev/pts/N goes; when every slave descriptor has closed, reading the master
 * gives what is left and then EIO, as on Linux. */
#include "kernel/pseudo_terminal.h"
#include "arch/x86_64/cpu.h"
#include "fs/devices.h"
#include "include/uapi/errno.h"
#include "kernel/terminal.h"
#include "lib/byte_ring.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/heap.h"

#define PSEUDO_TERMINAL_LIMIT 64
#define OUTPUT_SIZE	      16384
#define MASTER_MAJOR	      5
#define MASTER_MINOR	      2
#define SLAVE_MAJOR	      136
#define TIOCGPTN	      0x80045430
#define TIOCSPTLCK	      0x40045431
#define TIOCSIG		      0x40045436

struct pseudo_terminal {
	struct terminal terminal; /* first: the terminal operations find the pair from it */
	unsigned index;
	bool locked; /* until unlockpt: the slave cannot be opened */
	bool master_open;
	unsigned slave_opens;
	bool slave_closed; /* every slave descriptor opened so far has closed */
	unsigned char output_storage[OUTPUT_SIZE];
	struct byte_ring output; /* slave to master */
	struct wait_queue master_readers, master_writers;
	struct poll_waiters master_pollers;
};

static struct pseudo_terminal *pairs[PSEUDO_TERMINAL_LIMIT];
static struct inode *pts_directory;

static struct pseudo_terminal *pair_of(struct terminal *terminal)
{
	return (struct pseudo_terminal *)terminal;
}

static void wake_master(struct pseudo_terminal *pair)
{
	wait_queue_wake(&pair->master_readers, ~0u);
	wait_queue_wake(&pair->master_writers, ~0u);
	poll_notify(&pair->master_pollers);
}

static void put_output(struct terminal *terminal, const char *text, size_t length)
{
	struct pseudo_terminal *pair = pair_of(terminal);

	byte_ring_write(&pair->output, text, length);
	wake_master(pair);
}

static size_t output_room(struct terminal *terminal)
{
	struct pseudo_terminal *pair = pair_of(terminal);

	return OUTPUT_SIZE - byte_ring_count(&pair->output);
}

static void input_room(struct terminal *terminal)
{
	wake_master(pair_of(terminal));
}

static const struct terminal_operations slave_operations = {
    .put = put_output,
    .room = output_room,
    .input_room = input_room,
};

static void node_name(unsigned index, char *name, size_t size)
{
	format_snprintf(name, size, "%u", index);
}

static void remove_node(struct pseudo_terminal *pair)
{
	char name[12];

	node_name(pair->index, name, sizeof(name));
	pts_directory->ops->unlink(pts_directory, name, strlen(name), false);
}

static void free_pair(struct pseudo_terminal *pair)
{
	pairs[pair->index] = NULL;
	heap_free(pair);
}

static int master_open(struct inode *inode, struct file *file)
{
	(void)inode;
	unsigned index = 0;
	char name[12];

	if (!pts_directory)
		return -ENODEV;
	while (index < PSEUDO_TERMINAL_LIMIT && pairs[index])
		index++;
	if (index == PSEUDO_TERMINAL_LIMIT)
		return -ENOSPC;
	struct pseudo_terminal *pair = heap_alloc_zeroed(sizeof(*pair));
	if (!pair)
		return -ENOMEM;
	terminal_init(&pair->terminal, &slave_operations);
	pair->index = index;
	pair->locked = true;
	pair->master_open = true;
	byte_ring_init(&pair->output, pair->output_storage, OUTPUT_SIZE);
	wait_queue_init(&pair->master_readers);
	wait_queue_init(&pair->master_writers);
	poll_waiters_init(&pair->master_pollers);
	node_name(index, name, sizeof(name));
	int error = pts_directory->ops->create(pts_directory, name, strlen(name), S_IFCHR | 0620,
					       DEVICE_NUMBER(SLAVE_MAJOR, index), NULL);
	if (error) {
		heap_free(pair);
		return error;
	}
	pairs[index] = pair;
	file->private = pair;
	return 0;
}

static void master_release(struct file *file)
{
	struct pseudo_terminal *pair = file->private;

	pair->master_open = false;
	remove_node(pair);
	terminal_hang_up(&pair->terminal);
	if (!pair->slave_opens)
		free_pair(pair);
}

static long master_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct pseudo_terminal *pair = file->private;
	uint64_t flags = interrupts_save();
	long result;

	(void)offset;
	for (;;) {
		if (!count || byte_ring_count(&pair->output)) {
			result = (long)byte_ring_get(&pair->output, buffer, count);
			terminal_output_drained(&pair->terminal);
			break;
		}
		if (pair->slave_closed) {
			result = -EIO;
			break;
		}
		if (file->flags & O_NONBLOCK) {
			result = -EAGAIN;
			break;
		}
		result = wait_queue_sleep(&pair->master_readers, 0);
		if (result)
			break;
	}
	interrupts_restore(flags);
	return result;
}

static long master_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct pseudo_terminal *pair = file->private;
	const unsigned char *bytes = buffer;
	uint64_t flags = interrupts_save();
	size_t written = 0;
	long result = 0;

	(void)offset;
	while (written < count) {
		if (pair->slave_closed) {
			result = -EIO;
			break;
		}
		if (terminal_has_room(&pair->terminal)) {
			terminal_input(&pair->terminal, bytes[written++]);
			continue;
		}
		if (file->flags & O_NONBLOCK) {
			result = -EAGAIN;
			break;
		}
		result = wait_queue_sleep(&pair->master_writers, 0);
		if (result)
			break;
	}
	interrupts_restore(flags);
	return written ? (long)written : result;
}

static long master_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct pseudo_terminal *pair = file->private;

	switch (request) {
	case TIOCGPTN:
		*(int *)argument = (int)pair->index;
		return 0;
	case TIOCSPTLCK:
		pair->locked = *(int *)argument != 0;
		return 0;
	case TIOCSIG: {
		unsigned long signal = (unsigned long)argument;
		if (!signal || signal > 64)
			return -EINVAL;
		terminal_signal_foreground(&pair->terminal, (int)signal);
		return 0;
	}
	case FIONREAD:
		*(int *)argument = (int)byte_ring_count(&pair->output);
		return 0;
	default:
		/* The termios and window requests apply to the pair's one terminal, as on Linux. */
		return terminal_ioctl(&pair->terminal, request, argument);
	}
}

static unsigned master_poll(struct file *file, struct poll_table *table)
{
	struct pseudo_terminal *pair = file->private;
	unsigned ready = 0;

	poll_wait(&pair->master_pollers, table);
	if (byte_ring_count(&pair->output) || pair->slave_closed)
		ready |= POLL_IN;
	if (pair->slave_closed)
		ready |= POLL_HUP;
	else if (terminal_has_room(&pair->terminal))
		ready |= POLL_OUT;
	return ready;
}

static const struct file_operations master_operations = {
    .open = master_open,
    .release = master_release,
    .read = master_read,
    .write = master_write,
    .ioctl = master_ioctl,
    .poll = master_poll,
    .stream = true,
};

static int slave_open(struct inode *inode, struct file *file)
{
	unsigned index = inode->device & 0xff;
	struct pseudo_terminal *pair = index < PSEUDO_TERMINAL_LIMIT ? pairs[index] : NULL;
	struct thread *current = thread_current();

	if (!pair || !pair->master_open || pair->locked)
		return -EIO;
	pair->slave_opens++;
	pair->slave_closed = false;
	file->private = pair;
	/* A session leader without a controlling terminal gets this one (unless O_NOCTTY). */
	if (!(file->flags & O_NOCTTY) && current->session == current->id &&
	    !pair->terminal.session) {
		pair->terminal.session = current->session;
		pair->terminal.foreground_group = current->process_group;
	}
	return 0;
}

static void slave_release(struct file *file)
{
	struct pseudo_terminal *pair = file->private;

	if (--pair->slave_opens)
		return;
	pair->slave_closed = true;
	wake_master(pair);
	if (!pair->master_open)
		free_pair(pair);
}

static long slave_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct pseudo_terminal *pair = file->private;

	(void)offset;
	return terminal_read(&pair->terminal, buffer, count, file->flags & O_NONBLOCK);
}

static long slave_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct pseudo_terminal *pair = file->private;

	(void)offset;
	return terminal_write(&pair->terminal, buffer, count, file->flags & O_NONBLOCK);
}

static long slave_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct pseudo_terminal *pair = file->private;

	if (request == TIOCGPTN)
		return -ENOTTY;
	return terminal_ioctl(&pair->terminal, request, argument);
}

static unsigned slave_poll(struct file *file, struct poll_table *table)
{
	struct pseudo_terminal *pair = file->private;

	return terminal_poll(&pair->terminal, table);
}

static const struct file_operations slave_file_operations = {
    .open = slave_open,
    .release = slave_release,
    .read = slave_read,
    .write = slave_write,
    .ioctl = slave_ioctl,
    .poll = slave_poll,
    .stream = true,
};

void pseudo_terminals_init(struct inode *dev)
{
	struct inode *pts = NULL;

	device_register(DEVICE_NUMBER(MASTER_MAJOR, MASTER_MINOR), &master_operations);
	device_register_major(SLAVE_MAJOR, &slave_file_operations);
	if (dev->ops->create(dev, "ptmx", 4, S_IFCHR | 0666,
			     DEVICE_NUMBER(MASTER_MAJOR, MASTER_MINOR), NULL) ||
	    dev->ops->create(dev, "pts", 3, S_IFDIR | 0755, 0, &pts))
		return;	     /* no memory at boot: there are no pseudo-terminals */
	pts_directory = pts; /* keeps the reference */
}

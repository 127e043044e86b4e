// SPDX-License-Identifier: MIT
/* virtio-console with multiple ports (virtio 1.x, section 5.3): the program's standard
 * streams as plain byte streams when the host's are not a terminal (`yolk run ... < file`,
 * `| filter`, `> file`, `2> file`). tools/yolk makes port N + 1 for descriptor N (port 0 is
 * QEMU's console port, unused) and says which on the kernel command line (yolk.streams=);
 * virtio_console_open_streams then opens /dev/vport0pN + 1 as descriptor N in place of the
 * terminal.
 *
 * Receiving: RECEIVE_BUFFERS pages stay with the device, which fills them in order (QEMU puts
 * at most one read of the host's file, 4 KiB, in each); a read copies out of the oldest used
 * ones and gives each back once emptied. The host's end of input is a PORT_OPEN 0 control
 * message, which QEMU sends after the data before it: so a read returns 0 only when no used
 * buffer is left. Nothing is read on the host while no buffer is free: flow control.
 * Sending: a write copies up to 64 KiB at a time into the port's buffer and waits until the
 * device has used it, which for QEMU means written to the host's file; so what a program
 * wrote is out before it exits, and a slow reader on the host slows the writer (QEMU
 * throttles the port), never loses bytes.
 * Cost budget: a write is one notify and one interrupt per 64 KiB; a read one interrupt per
 * 4 KiB and a notify per buffer given back. */
#include "drivers/virtio/virtio_console.h"
#include "drivers/virtio/virtio.h"
#include "fs/descriptors.h"
#include "fs/devices.h"
#include "fs/poll.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define FEATURE_MULTIPORT   (1ull << 1)
#define PORTS		    4 /* ids 0-3: the console port and descriptors 0, 1, 2 */
#define RECEIVE_BUFFERS	    16
#define CONTROL_BUFFERS	    16
#define CONTROL_BUFFER_SIZE 128
#define TRANSMIT_ORDER	    4 /* 64 KiB */
#define TRANSMIT_SIZE	    (PAGE_SIZE << TRANSMIT_ORDER)
#define QUEUE_SIZE	    16
#define VPORT_MAJOR	    243
#define SIGNAL_PIPE	    13
#define FIONREAD	    0x541b

/* Control messages (struct virtio_console_control). */
#define DEVICE_READY 0
#define PORT_READY   3
#define PORT_OPEN    6

struct control_message {
	uint32_t id;
	uint16_t event, value;
};

struct port {
	unsigned id;
	struct virtqueue *receive, *transmit;
	bool host_connected;
	unsigned char *receive_buffers; /* RECEIVE_BUFFERS pages */
	struct virtqueue_request received[RECEIVE_BUFFERS];
	unsigned oldest;   /* the buffer a read takes from next */
	uint32_t consumed; /* bytes of it already read */
	unsigned char *transmit_buffer;
	bool transmitting;
	struct wait_queue readers, writers;
	struct poll_waiters pollers;
};

struct console_device {
	struct virtio_device *virtio;
	unsigned port_count;
	struct port ports[PORTS];
	unsigned char *control_buffers;
	struct virtqueue_request control_received[CONTROL_BUFFERS];
	unsigned control_oldest;
	struct control_message *outgoing;
};

static struct console_device *console;

static struct virtqueue *control_receive(void)
{
	return &console->virtio->queues[2];
}

static void give_control_buffer(unsigned index)
{
	struct virtqueue_segment segment = {console->control_buffers + index * CONTROL_BUFFER_SIZE,
					    CONTROL_BUFFER_SIZE, true};

	virtqueue_post(control_receive(), &segment, 1, &console->control_received[index]);
}

static void give_receive_buffer(struct port *port, unsigned index)
{
	struct virtqueue_segment segment = {port->receive_buffers + index * PAGE_SIZE, PAGE_SIZE,
					    true};

	virtqueue_post(port->receive, &segment, 1, &port->received[index]);
}

/* Sends one control message and waits until the device has taken it. */
static int send_control(unsigned id, uint16_t event, uint16_t value)
{
	*console->outgoing = (struct control_message){id, event, value};
	struct virtqueue_segment segment = {console->outgoing, sizeof(*console->outgoing), false};
	long result = virtqueue_transfer(&console->virtio->queues[3], &segment, 1);

	return result < 0 ? (int)result : 0;
}

/* After the queues' completions: the control messages that came (only PORT_OPEN matters
 * here: the host's side of a port opened or closed), then whoever waits on a port. */
static void console_interrupt(struct virtio_device *virtio)
{
	bool given = false;

	(void)virtio;
	while (console->control_received[console->control_oldest].done) {
		unsigned index = console->control_oldest;
		struct control_message *message =
		    (void *)(console->control_buffers + index * CONTROL_BUFFER_SIZE);
		if (message->event == PORT_OPEN && message->id < console->port_count)
			console->ports[message->id].host_connected = message->value;
		give_control_buffer(index);
		console->control_oldest = (index + 1) % CONTROL_BUFFERS;
		given = true;
	}
	if (given)
		virtqueue_kick(control_receive());
	for (unsigned id = 1; id < console->port_count; id++) {
		wait_queue_wake(&console->ports[id].readers, ~0u);
		poll_notify(&console->ports[id].pollers);
	}
}

/* ---- the files ---------------------------------------------------------------------------- */

static bool has_input(const struct port *port)
{
	return port->received[port->oldest].done;
}

static size_t available_bytes(const struct port *port)
{
	size_t bytes = 0;

	for (unsigned i = 0, index = port->oldest;
	     i < RECEIVE_BUFFERS && port->received[index].done;
	     i++, index = (index + 1) % RECEIVE_BUFFERS)
		bytes += port->received[index].written - (i ? 0 : port->consumed);
	return bytes;
}

static long port_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct port *port = file->private;
	size_t done = 0;
	bool given = false;

	(void)offset;
	while (!has_input(port)) {
		if (!port->host_connected)
			return 0; /* the host's end of input */
		if (file->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_queue_sleep_restartable(&port->readers, 0) == -EINTR)
			return -EINTR;
	}
	while (done < count && has_input(port)) {
		struct virtqueue_request *request = &port->received[port->oldest];
		size_t chunk = MIN(count - done, request->written - port->consumed);
		memcpy((char *)buffer + done,
		       port->receive_buffers + port->oldest * PAGE_SIZE + port->consumed, chunk);
		done += chunk;
		port->consumed += chunk;
		if (port->consumed < request->written)
			break;
		give_receive_buffer(port, port->oldest);
		port->oldest = (port->oldest + 1) % RECEIVE_BUFFERS;
		port->consumed = 0;
		given = true;
	}
	if (given)
		virtqueue_kick(port->receive);
	return (long)done;
}

static long port_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct port *port = file->private;
	size_t done = 0;
	long result = 0;

	(void)offset;
	while (port->transmitting) /* one writer at a time uses the buffer */
		if (wait_queue_sleep_restartable(&port->writers, 0) == -EINTR)
			return -EINTR;
	port->transmitting = true;
	while (done < count) {
		if (!port->host_connected) {
			signal_send_to_thread(thread_current(), SIGNAL_PIPE);
			result = -EPIPE;
			break;
		}
		size_t chunk = MIN(count - done, TRANSMIT_SIZE);
		memcpy(port->transmit_buffer, (const char *)buffer + done, chunk);
		struct virtqueue_segment segment = {port->transmit_buffer, (uint32_t)chunk, false};
		result = virtqueue_transfer(port->transmit, &segment, 1);
		if (result < 0)
			break;
		done += chunk;
	}
	port->transmitting = false;
	wait_queue_wake(&port->writers, 1);
	return done ? (long)done : result;
}

static unsigned port_poll(struct file *file, struct poll_table *table)
{
	struct port *port = file->private;
	unsigned events = 0;

	poll_wait(&port->pollers, table);
	if ((file->flags & O_ACCMODE) != O_WRONLY) {
		if (has_input(port))
			events |= POLL_IN;
		else if (!port->host_connected)
			events |= POLL_IN | POLL_HUP;
	}
	if ((file->flags & O_ACCMODE) != O_RDONLY)
		events |= port->host_connected ? POLL_OUT : POLL_ERR;
	return events;
}

/* Not a terminal: TCGETS and the rest are ENOTTY, so isatty() is false. */
static long port_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct port *port = file->private;

	if (request != FIONREAD)
		return -ENOTTY;
	*(int *)argument = (int)available_bytes(port);
	return 0;
}

static int port_open(struct inode *inode, struct file *file)
{
	unsigned id = inode->device & 0xff;

	if (!console || !id || id >= console->port_count)
		return -ENXIO;
	file->private = &console->ports[id];
	return 0;
}

static const struct file_operations port_operations = {
    .open = port_open,
    .read = port_read,
    .write = port_write,
    .poll = port_poll,
    .ioctl = port_ioctl,
    .stream = true,
};

/* ---- set-up ------------------------------------------------------------------------------- */

/* The port's queues (before the device goes live); its buffers come with its use. */
static int setup_port(struct virtio_device *virtio, struct port *port, unsigned id)
{
	int error = virtio_setup_queue(virtio, 2 + 2 * id, QUEUE_SIZE);

	if (error || (error = virtio_setup_queue(virtio, 3 + 2 * id, QUEUE_SIZE)))
		return error;
	port->id = id;
	port->receive = &virtio->queues[2 + 2 * id];
	port->transmit = &virtio->queues[3 + 2 * id];
	port->host_connected = true; /* until the host says otherwise */
	wait_queue_init(&port->readers);
	wait_queue_init(&port->writers);
	poll_waiters_init(&port->pollers);
	return 0;
}

__cold void virtio_console_attach(struct virtio_device *virtio)
{
	struct console_device *device = heap_alloc_zeroed(sizeof(*device));
	uint64_t control = frame_alloc(0), outgoing = frame_alloc_zeroed(0);

	BUILD_BUG_ON(RECEIVE_BUFFERS * PAGE_SIZE != PAGE_SIZE << 4);
	BUILD_BUG_ON(PORTS > 10); /* open_stream names a port with one digit */
	BUILD_BUG_ON(CONTROL_BUFFERS * CONTROL_BUFFER_SIZE > PAGE_SIZE);
	if (console || !device || !control || !outgoing) {
		pr_warn("virtio-console: %s\n", console ? "only one device is used" : "no memory");
		return;
	}
	if (!virtio_negotiate(virtio, FEATURE_MULTIPORT) ||
	    virtio_setup_queue(virtio, 2, QUEUE_SIZE) ||
	    virtio_setup_queue(virtio, 3, QUEUE_SIZE)) {
		pr_warn("virtio-console: the device refused the driver (no multiport?)\n");
		return;
	}
	device->virtio = virtio;
	device->port_count = MIN(*(volatile uint32_t *)((volatile char *)virtio_config(virtio) + 4),
				 (uint32_t)PORTS);
	for (unsigned id = 1; id < device->port_count; id++)
		if (setup_port(virtio, &device->ports[id], id)) {
			pr_warn("virtio-console: cannot set up port %u\n", id);
			device->port_count = id;
		}
	device->control_buffers = phys_to_virtual(control);
	device->outgoing = phys_to_virtual(outgoing);
	console = device;
	virtio->driver_data = device;
	virtio_start(virtio);
	for (unsigned i = 0; i < CONTROL_BUFFERS; i++)
		give_control_buffer(i);
	virtqueue_kick(control_receive());
	virtio->interrupt = console_interrupt;
	if (send_control(0, DEVICE_READY, 1))
		pr_warn("virtio-console: the device did not take DEVICE_READY\n");
}

/* The port's buffers: pages the device fills for descriptor 0, one to send from for 1 and 2. */
static int allocate_buffers(struct port *port, bool receives)
{
	uint64_t memory = frame_alloc(receives ? 4 : TRANSMIT_ORDER);

	if (!memory)
		return -ENOMEM;
	if (receives)
		port->receive_buffers = phys_to_virtual(memory);
	else
		port->transmit_buffer = phys_to_virtual(memory);
	return 0;
}

/* Makes port fd + 1 descriptor fd: its node in /dev, its buffers, the port told it is ready
 * and open. */
static int open_stream(int fd)
{
	unsigned id = (unsigned)fd + 1;
	struct port *port = &console->ports[id];
	char name[16], path[24];
	struct file *file;

	if (id >= console->port_count)
		return -ENODEV;
	if (allocate_buffers(port, fd == 0))
		return -ENOMEM;
	/* vport0p1 to vport0p3 (PORTS is 4), not formatted: nothing at boot needs the formatter */
	memcpy(name, "vport0p", 7);
	name[7] = (char)('0' + id), name[8] = '\0';
	memcpy(path, "/dev/", 5);
	memcpy(path + 5, name, 9);
	int error = device_register(DEVICE_NUMBER(VPORT_MAJOR, id), &port_operations);
	if (!error)
		error = devfs_add_node(name, S_IFCHR | 0600, DEVICE_NUMBER(VPORT_MAJOR, id));
	if (!error)
		error = vfs_open(NULL, path, fd ? O_WRONLY : O_RDONLY, 0, &file);
	if (error)
		return error;
	if (fd == 0) {
		for (unsigned i = 0; i < RECEIVE_BUFFERS; i++)
			give_receive_buffer(port, i);
		virtqueue_kick(port->receive);
	}
	if ((error = send_control(id, PORT_READY, 1)) || (error = send_control(id, PORT_OPEN, 1))) {
		file_put(file);
		return error;
	}
	descriptor_close(fd);
	if (descriptor_install(file, fd, false) != fd)
		return -EMFILE;
	return 0;
}

__cold void virtio_console_open_streams(unsigned descriptors)
{
	for (int fd = 0; fd < 3; fd++) {
		if (!(descriptors & (1u << fd)))
			continue;
		int error = console ? open_stream(fd) : -ENODEV;
		if (error)
			pr_warn("descriptor %d stays the console: no virtio-console port for it "
				"(%d)\n",
				fd, error);
	}
}

// SPDX-License-Identifier: MIT
/* The Intel 82801AA AC'97 audio controller (PCI 8086:2415), QEMU's `-device AC97`: the mixer
 * (NAM, I/O BAR 0) and the bus master (NABM, I/O BAR 1), PCM out only. The codec is reset and
 * unmuted, variable-rate audio (VRA) on, so SNDCTL_DSP_SPEED sets the DAC's rate (what it
 * reads back is the rate). PCM out plays a ring of 32 fragments of 256 16-bit stereo frames
 * through the 32-entry buffer-descriptor list, every descriptor interrupting on completion
 * (IOC): the interrupt (INTx, level-triggered through the I/O APIC) acknowledges, counts what
 * was played and wakes writers. Writing fills the fragment after the last one queued and moves
 * the last valid index (LVI) to it; a device that ran dry (DMA controller halted) restarts by
 * itself when LVI moves, as the ICH's bus master does. */
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"
#include "drivers/pci/pci.h"
#include "drivers/sound/sound.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define AC97_VENDOR 0x8086
#define AC97_DEVICE 0x2415

/* Mixer registers (NAM). */
#define MIXER_RESET	     0x00
#define MIXER_MASTER	     0x02
#define MIXER_PCM_OUT	     0x18
#define MIXER_EXTENDED_ID    0x28
#define MIXER_EXTENDED_CTRL  0x2a
#define MIXER_FRONT_DAC_RATE 0x2c
#define EXTENDED_VRA	     0x0001
#define VOLUME_0_DB	     0x0808

/* Bus master registers (NABM): PCM out's box, and the global ones. */
#define PO_BDBAR	      0x10
#define PO_CIV		      0x14
#define PO_LVI		      0x15
#define PO_SR		      0x16
#define PO_PICB		      0x18
#define PO_CR		      0x1b
#define GLOBAL_CTRL	      0x2c
#define CR_RUN		      0x01 /* RPBM */
#define CR_RESET	      0x02 /* RR */
#define CR_IOC		      0x10 /* IOCE */
#define SR_HALTED	      0x01 /* DCH */
#define SR_LAST		      0x04 /* LVBCI */
#define SR_COMPLETED	      0x08 /* BCIS */
#define SR_FIFO		      0x10 /* FIFOE */
#define SR_CLEAR	      (SR_LAST | SR_COMPLETED | SR_FIFO)
#define GLOBAL_COLD_RESET_OFF 0x02

#define PCI_COMMAND	   0x04
#define PCI_COMMAND_IO	   0x01
#define PCI_COMMAND_MASTER 0x04
#define PCI_INTERRUPT_LINE 0x3c
#define IRQ_LINE_NONE	   0xff

#define FRAGMENTS	32 /* the descriptor list's size */
#define FRAGMENT_FRAMES 256
#define FRAGMENT_BYTES	(FRAGMENT_FRAMES * SOUND_FRAME_BYTES)
#define DESCRIPTOR_IOC	(1u << 31)
#define RESET_SPINS	100000

struct descriptor {
	uint32_t address;
	uint32_t control; /* length in 16-bit samples, IOC, BUP */
};

struct ac97 {
	struct sound_output output;
	uint16_t mixer, bus_master; /* I/O ports */
	volatile struct descriptor *descriptors;
	uint8_t *buffers; /* FRAGMENTS x FRAGMENT_BYTES, contiguous */
	unsigned head;	  /* the oldest fragment the device has not finished */
	unsigned tail;	  /* the fragment being filled */
	unsigned filled;  /* frames in the tail fragment */
	unsigned queued;  /* fragments given to the device, head to tail */
	bool started;	  /* the bus master runs (RPBM) since the last reset */
};

static struct ac97 *the_device; /* the interrupt handler finds it here */

/* Fragments the device has finished since the last look: those before CIV, and the last one
 * too when the DMA controller has halted after it. */
static void played(struct ac97 *device)
{
	device->head = (device->head + 1) % FRAGMENTS;
	device->queued--;
	device->output.frames_played += FRAGMENT_FRAMES;
}

static void reclaim(struct ac97 *device)
{
	unsigned current = inb(device->bus_master + PO_CIV) % FRAGMENTS;

	while (device->queued && device->head != current)
		played(device);
	if (device->queued == 1 && (inw(device->bus_master + PO_SR) & SR_HALTED))
		played(device);
}

static void ac97_interrupt(struct interrupt_frame *frame)
{
	struct ac97 *device = the_device;
	uint16_t status = inw(device->bus_master + PO_SR);

	(void)frame;
	outw(device->bus_master + PO_SR, status & SR_CLEAR); /* lowers the line */
	reclaim(device);
	wait_queue_wake(&device->output.waiters, ~0u);
	poll_notify(&device->output.pollers);
}

static struct ac97 *device_of(struct sound_output *output)
{
	return container_of(output, struct ac97, output);
}

static void reset_box(struct ac97 *device);

/* The caller has let the ring drain: a new rate reopens QEMU's voice inactive, and only starting
 * the bus master anew (RPBM after a reset) makes it play again. */
static unsigned ac97_set_rate(struct sound_output *output, unsigned rate)
{
	struct ac97 *device = device_of(output);

	if (inw(device->mixer + MIXER_FRONT_DAC_RATE) != rate) {
		outw(device->mixer + MIXER_FRONT_DAC_RATE, (uint16_t)rate);
		reset_box(device);
	}
	return inw(device->mixer + MIXER_FRONT_DAC_RATE);
}

/* Hands the tail fragment (`filled` frames long) to the device and starts it if it is not running.
 */
static void queue_tail(struct ac97 *device)
{
	unsigned index = device->tail;

	device->descriptors[index].address =
	    (uint32_t)virtual_to_phys(device->buffers + index * FRAGMENT_BYTES);
	device->descriptors[index].control = DESCRIPTOR_IOC | (device->filled * 2);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	device->tail = (index + 1) % FRAGMENTS;
	device->filled = 0;
	device->queued++;
	outb(device->bus_master + PO_LVI, (uint8_t)index);
	if (!device->started) { /* later, moving LVI restarts a halted DMA by itself */
		outb(device->bus_master + PO_CR, CR_RUN | CR_IOC);
		device->started = true;
	}
}

static size_t ac97_space(struct sound_output *output)
{
	struct ac97 *device = device_of(output);

	reclaim(device);
	/* One descriptor stays free: LVI one behind CIV would read as a full list. */
	unsigned free_fragments = FRAGMENTS - 1 - device->queued;
	return free_fragments ? free_fragments * FRAGMENT_FRAMES - device->filled : 0;
}

static size_t ac97_write(struct sound_output *output, const int16_t *frames, size_t count)
{
	struct ac97 *device = device_of(output);
	size_t done = 0;

	reclaim(device);
	while (done < count && device->queued < FRAGMENTS - 1) {
		size_t room = FRAGMENT_FRAMES - device->filled;
		size_t taken = MIN(room, count - done);
		memcpy(device->buffers + device->tail * FRAGMENT_BYTES +
			   device->filled * SOUND_FRAME_BYTES,
		       frames + done * 2, taken * SOUND_FRAME_BYTES);
		device->filled += (unsigned)taken;
		done += taken;
		if (device->filled == FRAGMENT_FRAMES)
			queue_tail(device);
	}
	return done;
}

static size_t ac97_queued(struct sound_output *output)
{
	struct ac97 *device = device_of(output);

	reclaim(device);
	if (!device->queued)
		return device->filled;
	size_t left_in_current = inw(device->bus_master + PO_PICB) / 2;
	return (device->queued - 1) * FRAGMENT_FRAMES + left_in_current + device->filled;
}

static void ac97_flush(struct sound_output *output)
{
	struct ac97 *device = device_of(output);

	reclaim(device);
	if (device->filled && device->queued < FRAGMENTS - 1)
		queue_tail(device);
}

/* Resets PCM out's box (descriptors at 0 again, DMA stopped). */
static void reset_box(struct ac97 *device)
{
	outb(device->bus_master + PO_CR, 0);
	outb(device->bus_master + PO_CR, CR_RESET);
	for (unsigned spin = 0; spin < RESET_SPINS && (inb(device->bus_master + PO_CR) & CR_RESET);
	     spin++)
		cpu_pause();
	outl(device->bus_master + PO_BDBAR, (uint32_t)virtual_to_phys((void *)device->descriptors));
	outw(device->bus_master + PO_SR, SR_CLEAR);
	device->head = device->tail = device->filled = device->queued = 0;
	device->started = false;
}

static void ac97_stop(struct sound_output *output)
{
	reset_box(device_of(output));
}

static bool bring_up(struct ac97 *device, unsigned line)
{
	uint64_t descriptors = frame_alloc_zeroed(0);
	uint64_t buffers = frame_alloc_zeroed(3); /* 32 KiB */

	if (!descriptors || !buffers || descriptors >> 32 || buffers >> 32)
		return false; /* the list and the buffers need 32-bit addresses */
	device->descriptors = phys_to_virtual(descriptors);
	device->buffers = phys_to_virtual(buffers);
	outl(device->bus_master + GLOBAL_CTRL, GLOBAL_COLD_RESET_OFF);
	outw(device->mixer + MIXER_RESET, 0);
	outw(device->mixer + MIXER_MASTER, 0);
	outw(device->mixer + MIXER_PCM_OUT, VOLUME_0_DB);
	if (inw(device->mixer + MIXER_EXTENDED_ID) & EXTENDED_VRA)
		outw(device->mixer + MIXER_EXTENDED_CTRL,
		     inw(device->mixer + MIXER_EXTENDED_CTRL) | EXTENDED_VRA);
	reset_box(device);
	return !interrupt_route_level_irq(line, ac97_interrupt);
}

static void attach(const struct pci_function *pci)
{
	uint32_t mixer = pci_read32(pci, 0x10), bus_master = pci_read32(pci, 0x14);
	unsigned line = pci_read8(pci, PCI_INTERRUPT_LINE);
	struct ac97 *device;

	if (the_device) {
		pr_warn("ac97: one device is driven, %02x:%02x.%x is not\n", pci->bus, pci->slot,
			pci->function);
		return;
	}
	if (!(mixer & 1) || !(bus_master & 1) || line == IRQ_LINE_NONE ||
	    !(device = heap_alloc_zeroed(sizeof(*device)))) {
		pr_warn("ac97: no I/O BARs, interrupt line or memory\n");
		return;
	}
	pci_write16(pci, PCI_COMMAND,
		    pci_read16(pci, PCI_COMMAND) | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	device->mixer = (uint16_t)(mixer & ~3u);
	device->bus_master = (uint16_t)(bus_master & ~3u);
	the_device = device;
	if (!bring_up(device, line)) {
		pr_warn("ac97: the device did not start\n");
		the_device = NULL;
		return;
	}
	device->output = (struct sound_output){
	    .name = "ac97",
	    .fragments = FRAGMENTS - 1,
	    .fragment_frames = FRAGMENT_FRAMES,
	    .set_rate = ac97_set_rate,
	    .write = ac97_write,
	    .space = ac97_space,
	    .queued = ac97_queued,
	    .flush = ac97_flush,
	    .stop = ac97_stop,
	};
	wait_queue_init(&device->output.waiters);
	poll_waiters_init(&device->output.pollers);
	pr_info("ac97: %02x:%02x.%x, IRQ %u, ports %#x and %#x, %u Hz\n", pci->bus, pci->slot,
		pci->function, line, device->mixer, device->bus_master,
		inw(device->mixer + MIXER_FRONT_DAC_RATE));
	dsp_register(&device->output);
}

static void visit(const struct pci_function *pci)
{
	if (pci->vendor == AC97_VENDOR && pci->device == AC97_DEVICE)
		attach(pci);
}

void sound_init(void)
{
	pci_for_each(visit);
}

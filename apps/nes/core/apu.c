// SPDX-License-Identifier: MIT
/* The 2A03's APU: two pulse channels with envelopes and sweeps, the triangle with its linear
 * counter, the noise LFSR, the DMC with its sample DMA (bus.c steals the CPU cycles) and IRQ,
 * the length counters, the frame counter in 4- and 5-step modes with its IRQ, and the
 * non-linear mixer, box-filtered down to NES_AUDIO_RATE samples.
 *
 * It runs behind the CPU (apu.cycle counts the CPU cycles it has run) and catches up (apu_run)
 * where the CPU could tell: before its registers are read or written, at a DMC sample fetch,
 * when the front end takes samples, and at nes.apu_deadline (bus.c), the next cycle on which
 * the frame IRQ can rise or the DMC can ask for its DMA. Catching up runs the stretch up to the
 * next event (a frame counter step, a sample due, an audible channel's timer reaching 0) in one
 * go, since the mixer's input is constant there; the event's cycle then runs as one cycle of
 * the chip, as before. The result is the same, cycle for cycle, as stepping every cycle. */
#include "internal.h"

#define CPU_RATE 1789773

static const uint8_t length_table[32] = {
    10, 254, 20, 2,  40, 4,  80, 6,  160, 8,  60, 10, 14, 12, 26, 14,
    12, 16,  24, 18, 48, 20, 96, 22, 192, 24, 72, 26, 16, 28, 32, 30,
};
static const uint8_t duty_table[4] = {0x02, 0x06, 0x1e, 0xf9}; /* bit n: step n high */
static const uint8_t triangle_table[32] = {
    15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5,  4,	3,  2,	1,  0,
    0,	1,  2,	3,  4,	5,  6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
};
static const uint16_t noise_periods[16] = {4,	8,   16,  32,  64,  96,	  128,	160,
					   202, 254, 380, 508, 762, 1016, 2034, 4068};
static const uint16_t dmc_periods[16] = {428, 380, 340, 320, 286, 254, 226, 214,
					 190, 160, 142, 128, 106, 84,  72,  54};

static void clock_envelope(bool *start, uint8_t *divider, uint8_t *decay, uint8_t volume, bool loop)
{
	if (*start) {
		*start = false;
		*decay = 15;
		*divider = volume;
	} else if (*divider == 0) {
		*divider = volume;
		if (*decay)
			(*decay)--;
		else if (loop)
			*decay = 15;
	} else
		(*divider)--;
}

static uint16_t sweep_target(const struct nes_pulse *pulse)
{
	uint16_t change = pulse->timer_period >> pulse->sweep_shift;
	if (!pulse->sweep_negate)
		return pulse->timer_period + change;
	return pulse->timer_period - change - (pulse->second ? 0 : 1);
}

static bool pulse_muted(const struct nes_pulse *pulse)
{
	return pulse->timer_period < 8 || (!pulse->sweep_negate && sweep_target(pulse) > 0x7ff);
}

static void clock_sweep(struct nes_pulse *pulse)
{
	if (pulse->sweep_divider == 0 && pulse->sweep_enabled && pulse->sweep_shift &&
	    !pulse_muted(pulse))
		pulse->timer_period = sweep_target(pulse) & 0x7ff;
	if (pulse->sweep_divider == 0 || pulse->sweep_reload) {
		pulse->sweep_divider = pulse->sweep_period;
		pulse->sweep_reload = false;
	} else
		pulse->sweep_divider--;
}

static void clock_quarter_frame(struct nes_apu *apu)
{
	for (int i = 0; i < 2; i++) {
		struct nes_pulse *p = &apu->pulse[i];
		clock_envelope(&p->start, &p->envelope_divider, &p->envelope_decay, p->volume,
			       p->loop);
	}
	struct nes_noise *noise = &apu->noise;
	clock_envelope(&noise->start, &noise->envelope_divider, &noise->envelope_decay,
		       noise->volume, noise->loop);
	struct nes_triangle *t = &apu->triangle;
	if (t->linear_reload)
		t->linear_counter = t->linear_period;
	else if (t->linear_counter)
		t->linear_counter--;
	if (!t->control)
		t->linear_reload = false;
}

static void clock_half_frame(struct nes_apu *apu)
{
	for (int i = 0; i < 2; i++) {
		struct nes_pulse *p = &apu->pulse[i];
		if (!p->loop && p->length)
			p->length--;
		clock_sweep(p);
	}
	if (!apu->triangle.control && apu->triangle.length)
		apu->triangle.length--;
	if (!apu->noise.loop && apu->noise.length)
		apu->noise.length--;
}

/* The frame counter's sequence (NTSC, in CPU cycles since it was reset). */
static void clock_frame_counter(struct nes *nes)
{
	struct nes_apu *apu = &nes->apu;
	uint32_t cycle = ++apu->frame_cycle;

	if (apu->frame_reset_delay && --apu->frame_reset_delay == 0) {
		apu->five_step = apu->frame_write & 0x80;
		apu->frame_cycle = 0;
		if (apu->five_step) {
			clock_quarter_frame(apu);
			clock_half_frame(apu);
		}
		return;
	}
	if (cycle == 7457 || cycle == 22371) {
		clock_quarter_frame(apu);
	} else if (cycle == 14913) {
		clock_quarter_frame(apu);
		clock_half_frame(apu);
	} else if (!apu->five_step && cycle >= 29828 && cycle <= 29830) {
		if (cycle == 29829) {
			clock_quarter_frame(apu);
			clock_half_frame(apu);
		}
		if (!apu->irq_inhibit)
			apu->frame_irq = true;
		if (cycle == 29830)
			apu->frame_cycle = 0;
	} else if (apu->five_step && cycle == 37281) {
		clock_quarter_frame(apu);
		clock_half_frame(apu);
	} else if (apu->five_step && cycle == 37282)
		apu->frame_cycle = 0;
	cpu_set_irq(nes, NES_IRQ_FRAME, apu->frame_irq);
}

static void dmc_restart(struct nes_dmc *dmc)
{
	dmc->address = dmc->sample_address;
	dmc->remaining = dmc->sample_length;
}

static void clock_dmc(struct nes *nes)
{
	struct nes_dmc *dmc = &nes->apu.dmc;

	if (!dmc->buffer_full && dmc->remaining && !nes->cpu.dmc_dma_pending)
		nes->cpu.dmc_dma_pending = true;
	if (dmc->timer) {
		dmc->timer--;
		return;
	}
	dmc->timer = dmc->timer_period - 1;
	if (!dmc->silence) {
		if (dmc->shift & 1) {
			if (dmc->output <= 125)
				dmc->output += 2;
		} else if (dmc->output >= 2)
			dmc->output -= 2;
	}
	dmc->shift >>= 1;
	if (dmc->bits)
		dmc->bits--;
	if (dmc->bits == 0) {
		dmc->bits = 8;
		dmc->silence = !dmc->buffer_full;
		dmc->shift = dmc->buffer;
		dmc->buffer_full = false;
	}
}

static void clock_timers(struct nes_apu *apu)
{
	struct nes_triangle *t = &apu->triangle;
	if (t->timer)
		t->timer--;
	else {
		t->timer = t->timer_period;
		if (t->linear_counter && t->length)
			t->step = (t->step + 1) & 31;
	}
	struct nes_noise *n = &apu->noise;
	if (n->timer)
		n->timer--;
	else {
		n->timer = n->timer_period - 1;
		unsigned feedback = (n->shift ^ (n->shift >> (n->mode ? 6 : 1))) & 1;
		n->shift = n->shift >> 1 | feedback << 14;
	}
	if (!apu->odd_cycle)
		return;
	for (int i = 0; i < 2; i++) {
		struct nes_pulse *p = &apu->pulse[i];
		if (p->timer)
			p->timer--;
		else {
			p->timer = p->timer_period;
			p->duty_step = (p->duty_step + 1) & 7;
		}
	}
}

static unsigned pulse_output(const struct nes_pulse *p)
{
	if (!p->length || pulse_muted(p) || !(duty_table[p->duty] >> p->duty_step & 1))
		return 0;
	return p->constant_volume ? p->volume : p->envelope_decay;
}

static uint32_t mix_level(const struct nes_apu *apu)
{
	unsigned pulse = pulse_output(&apu->pulse[0]) + pulse_output(&apu->pulse[1]);
	unsigned triangle = triangle_table[apu->triangle.step];
	const struct nes_noise *n = &apu->noise;
	unsigned noise = (n->shift & 1) || !n->length ? 0
			 : n->constant_volume	      ? n->volume
						      : n->envelope_decay;

	return apu->pulse_table[pulse] + apu->tnd_table[3 * triangle + 2 * noise + apu->dmc.output];
}

static void emit_sample(struct nes_apu *apu)
{
	/* the mixer's 0..1 centred on 0, as signed 16 bits */
	uint32_t level = apu->accumulated ? apu->accumulator / apu->accumulated : 1u << 23;
	apu->accumulator = 0;
	apu->accumulated = 0;
	apu->samples[(apu->sample_head + apu->sample_count) % NES_AUDIO_BUFFER] =
	    (int16_t)(((int64_t)level * 65534 >> 24) - 32767);
	if (apu->sample_count < NES_AUDIO_BUFFER)
		apu->sample_count++;
	else
		apu->sample_head = (apu->sample_head + 1) % NES_AUDIO_BUFFER;
}

/* The output, mixed every 4th cycle (447 kHz, ten times the output rate: the box filter's
 * input) and emitted at NES_AUDIO_RATE. */
static void output(struct nes_apu *apu)
{
	if ((++apu->mix_counter & 3) == 0) {
		apu->accumulator += mix_level(apu);
		apu->accumulated++;
	}
	apu->sample_phase += NES_AUDIO_RATE;
	if (apu->sample_phase < CPU_RATE)
		return;
	apu->sample_phase -= CPU_RATE;
	emit_sample(apu);
}

/* One CPU cycle of the chip. */
static void step(struct nes *nes)
{
	struct nes_apu *apu = &nes->apu;
	apu->odd_cycle = !apu->odd_cycle;
	clock_frame_counter(nes);
	clock_timers(apu);
	clock_dmc(nes);
	output(apu);
	apu->cycle++;
}

/* `steps` clocks of a divider that counts down to 0 and then reloads `reload`: returns how
 * many times it reached 0. */
static uint32_t advance_divider(uint16_t *timer, uint32_t reload, uint32_t steps)
{
	if (steps <= *timer) {
		*timer = (uint16_t)(*timer - steps);
		return 0;
	}
	steps -= *timer + 1u;
	if (steps <= reload) {
		*timer = (uint16_t)(reload - steps);
		return 1;
	}
	*timer = (uint16_t)(reload - steps % (reload + 1));
	return 1 + steps / (reload + 1);
}

/* Whether a channel's timer reaching 0 can change the mixer's input. */
static bool pulse_audible(const struct nes_pulse *p)
{
	return p->length && !pulse_muted(p) && (p->constant_volume ? p->volume : p->envelope_decay);
}

static bool noise_audible(const struct nes_noise *n)
{
	return n->length && (n->constant_volume ? n->volume : n->envelope_decay);
}

/* CPU cycles up to and including the next one whose step is not a plain count: a frame
 * counter step, a sample due, the DMC's timer or DMA request, an audible channel's timer
 * reaching 0. */
static uint32_t cycles_to_event(const struct nes *nes)
{
	const struct nes_apu *apu = &nes->apu;
	uint32_t cycles = (CPU_RATE - apu->sample_phase + NES_AUDIO_RATE - 1) / NES_AUDIO_RATE;
	uint32_t f = apu->frame_cycle, next = 0;

#define LIMIT(n)                                                                                   \
	do {                                                                                       \
		uint32_t limit_ = (n);                                                             \
		if (limit_ < cycles)                                                               \
			cycles = limit_;                                                           \
	} while (0)
	if (apu->frame_reset_delay)
		LIMIT((uint32_t)apu->frame_reset_delay);
	if (f < 7457)
		next = 7457;
	else if (f < 14913)
		next = 14913;
	else if (f < 22371)
		next = 22371;
	else if (!apu->five_step)
		next = f < 29828 ? 29828 : f < 29830 ? f + 1 : 0;
	else
		next = f < 37282 ? (f < 37281 ? 37281 : 37282) : 0;
	if (next)
		LIMIT(next - f);
	const struct nes_triangle *t = &apu->triangle;
	if (t->linear_counter && t->length)
		LIMIT(t->timer + 1u);
	if (noise_audible(&apu->noise))
		LIMIT(apu->noise.timer + 1u);
	for (int i = 0; i < 2; i++)
		if (pulse_audible(&apu->pulse[i])) /* pulses count every other cycle */
			LIMIT(2u * apu->pulse[i].timer + (apu->odd_cycle ? 2 : 1));
	const struct nes_dmc *d = &apu->dmc;
	if (!d->buffer_full && d->remaining && !nes->cpu.dmc_dma_pending)
		LIMIT(1);
	LIMIT(d->timer + 1u);
#undef LIMIT
	return cycles;
}

/* `cycles` cycles none of which is an event (cycles_to_event): counters move, the mixer's
 * input stays. */
static void run_plain_cycles(struct nes_apu *apu, uint32_t cycles)
{
	if (!cycles)
		return;
	uint32_t odd_cycles = apu->odd_cycle ? cycles / 2 : (cycles + 1) / 2;
	apu->odd_cycle ^= cycles & 1;
	apu->frame_cycle += cycles;
	if (apu->frame_reset_delay)
		apu->frame_reset_delay -= (int)cycles;
	struct nes_triangle *t = &apu->triangle;
	advance_divider(&t->timer, t->timer_period, cycles); /* silent: its step stays */
	struct nes_noise *n = &apu->noise;
	for (uint32_t k = advance_divider(&n->timer, n->timer_period - 1u, cycles); k; k--) {
		unsigned feedback = (n->shift ^ (n->shift >> (n->mode ? 6 : 1))) & 1;
		n->shift = (uint16_t)(n->shift >> 1 | feedback << 14);
	}
	for (int i = 0; i < 2; i++) {
		struct nes_pulse *p = &apu->pulse[i];
		uint32_t k = advance_divider(&p->timer, p->timer_period, odd_cycles);
		p->duty_step = (uint8_t)((p->duty_step + k) & 7);
	}
	apu->dmc.timer = (uint16_t)(apu->dmc.timer - cycles);
	unsigned counter = apu->mix_counter;
	uint32_t mixes = ((counter + cycles) >> 2) - (counter >> 2);
	apu->mix_counter = (uint8_t)(counter + cycles);
	apu->accumulator += mixes * mix_level(apu);
	apu->accumulated += mixes;
	apu->sample_phase += cycles * NES_AUDIO_RATE;
	apu->cycle += cycles;
}

/* When the CPU must next let the APU catch up: the cycle on which the frame IRQ can rise or
 * the DMC can ask for a sample (DMA). */
static void set_deadline(struct nes *nes)
{
	const struct nes_apu *apu = &nes->apu;
	const struct nes_dmc *d = &apu->dmc;
	uint64_t deadline = UINT64_MAX;

	if (apu->frame_reset_delay)
		deadline = apu->cycle + (uint32_t)apu->frame_reset_delay;
	else if (!apu->five_step && !apu->irq_inhibit)
		deadline = apu->cycle + (apu->frame_cycle < 29828 ? 29828 - apu->frame_cycle : 1);
	if (d->remaining && !nes->cpu.dmc_dma_pending) {
		/* empty: the next cycle asks; full: it may empty when the timer next reaches 0 */
		uint64_t dmc = apu->cycle + (d->buffer_full ? d->timer + 2u : 1u);
		if (dmc < deadline)
			deadline = dmc;
	}
	nes->apu_deadline = deadline;
}

void apu_run(struct nes *nes, uint64_t cycle)
{
	struct nes_apu *apu = &nes->apu;
	while (apu->cycle < cycle) {
		uint64_t left = cycle - apu->cycle;
		uint32_t to_event = cycles_to_event(nes);
		if (to_event > left) {
			run_plain_cycles(apu, (uint32_t)left);
			break;
		}
		run_plain_cycles(apu, to_event - 1);
		step(nes);
	}
	set_deadline(nes);
}

void apu_dmc_fill(struct nes *nes, uint8_t value)
{
	struct nes_dmc *dmc = &nes->apu.dmc;

	apu_run(nes, nes->cpu.cycles + 1);
	nes->cpu.dmc_dma_pending = false;
	if (!dmc->remaining) {
		set_deadline(nes);
		return;
	}
	dmc->buffer = value;
	dmc->buffer_full = true;
	dmc->address = dmc->address == 0xffff ? 0x8000 : dmc->address + 1;
	if (--dmc->remaining == 0) {
		if (dmc->loop)
			dmc_restart(dmc);
		else if (dmc->irq_enabled)
			dmc->irq = true;
	}
	cpu_set_irq(nes, NES_IRQ_DMC, dmc->irq);
	set_deadline(nes);
}

size_t nes_audio_take(struct nes *nes, int16_t *out, size_t max)
{
	struct nes_apu *apu = &nes->apu;
	size_t count = 0;
	apu_run(nes, nes->cpu.cycles);
	while (count < max && apu->sample_count) {
		out[count++] = apu->samples[apu->sample_head];
		apu->sample_head = (apu->sample_head + 1) % NES_AUDIO_BUFFER;
		apu->sample_count--;
	}
	return count;
}

/* Register access happens inside a CPU cycle, after that cycle's APU step. */
uint8_t apu_read_status(struct nes *nes)
{
	struct nes_apu *apu = &nes->apu;
	apu_run(nes, nes->cpu.cycles + 1);
	uint8_t status = (apu->pulse[0].length ? 1 : 0) | (apu->pulse[1].length ? 2 : 0) |
			 (apu->triangle.length ? 4 : 0) | (apu->noise.length ? 8 : 0) |
			 (apu->dmc.remaining ? 0x10 : 0) | (apu->frame_irq ? 0x40 : 0) |
			 (apu->dmc.irq ? 0x80 : 0);
	apu->frame_irq = false;
	cpu_set_irq(nes, NES_IRQ_FRAME, false);
	set_deadline(nes);
	return status;
}

static void write_pulse(struct nes_apu *apu, struct nes_pulse *p, unsigned reg, uint8_t value)
{
	(void)apu;
	switch (reg) {
	case 0:
		p->duty = value >> 6;
		p->loop = value & 0x20;
		p->constant_volume = value & 0x10;
		p->volume = value & 15;
		break;
	case 1:
		p->sweep_enabled = value & 0x80;
		p->sweep_period = (value >> 4) & 7;
		p->sweep_negate = value & 8;
		p->sweep_shift = value & 7;
		p->sweep_reload = true;
		break;
	case 2:
		p->timer_period = (p->timer_period & 0x700) | value;
		break;
	case 3:
		p->timer_period = (p->timer_period & 0xff) | (value & 7) << 8;
		if (p->enabled)
			p->length = length_table[value >> 3];
		p->start = true;
		p->duty_step = 0;
		break;
	}
}

static void write_channel(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_apu *apu = &nes->apu;
	struct nes_triangle *t = &apu->triangle;
	struct nes_noise *n = &apu->noise;
	struct nes_dmc *d = &apu->dmc;

	switch (address) {
	case 0x4008:
		t->control = value & 0x80;
		t->linear_period = value & 0x7f;
		break;
	case 0x400a:
		t->timer_period = (t->timer_period & 0x700) | value;
		break;
	case 0x400b:
		t->timer_period = (t->timer_period & 0xff) | (value & 7) << 8;
		if (t->enabled)
			t->length = length_table[value >> 3];
		t->linear_reload = true;
		break;
	case 0x400c:
		n->loop = value & 0x20;
		n->constant_volume = value & 0x10;
		n->volume = value & 15;
		break;
	case 0x400e:
		n->mode = value & 0x80;
		n->timer_period = noise_periods[value & 15];
		break;
	case 0x400f:
		if (n->enabled)
			n->length = length_table[value >> 3];
		n->start = true;
		break;
	case 0x4010:
		d->irq_enabled = value & 0x80;
		d->loop = value & 0x40;
		d->timer_period = dmc_periods[value & 15];
		if (!d->irq_enabled)
			d->irq = false;
		cpu_set_irq(nes, NES_IRQ_DMC, d->irq);
		break;
	case 0x4011:
		d->output = value & 0x7f;
		break;
	case 0x4012:
		d->sample_address = 0xc000 | value << 6;
		break;
	case 0x4013:
		d->sample_length = value << 4 | 1;
		break;
	}
}

static void write_status(struct nes *nes, uint8_t value)
{
	struct nes_apu *apu = &nes->apu;
	apu->pulse[0].enabled = value & 1;
	apu->pulse[1].enabled = value & 2;
	apu->triangle.enabled = value & 4;
	apu->noise.enabled = value & 8;
	apu->dmc.enabled = value & 16;
	if (!apu->pulse[0].enabled)
		apu->pulse[0].length = 0;
	if (!apu->pulse[1].enabled)
		apu->pulse[1].length = 0;
	if (!apu->triangle.enabled)
		apu->triangle.length = 0;
	if (!apu->noise.enabled)
		apu->noise.length = 0;
	if (!apu->dmc.enabled)
		apu->dmc.remaining = 0;
	else if (!apu->dmc.remaining)
		dmc_restart(&apu->dmc);
	apu->dmc.irq = false;
	cpu_set_irq(nes, NES_IRQ_DMC, false);
}

static void write_register(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_apu *apu = &nes->apu;

	if (address < 0x4008)
		write_pulse(apu, &apu->pulse[(address >> 2) & 1], address & 3, value);
	else if (address < 0x4014)
		write_channel(nes, address, value);
	else if (address == 0x4015)
		write_status(nes, value);
	else if (address == 0x4017) {
		apu->frame_write = value;
		apu->irq_inhibit = value & 0x40;
		if (apu->irq_inhibit) {
			apu->frame_irq = false;
			cpu_set_irq(nes, NES_IRQ_FRAME, false);
		}
		/* the new mode starts 3 or 4 CPU cycles on, by the APU cycle's phase */
		apu->frame_reset_delay = apu->odd_cycle ? 4 : 3;
	}
}

void apu_write_register(struct nes *nes, uint16_t address, uint8_t value)
{
	apu_run(nes, nes->cpu.cycles + 1);
	write_register(nes, address, value);
	set_deadline(nes);
}

void apu_power_on(struct nes *nes)
{
	struct nes_apu *apu = &nes->apu;
	apu->pulse[1].second = true;
	apu->noise.shift = 1;
	apu->noise.timer_period = noise_periods[0];
	apu->dmc.timer_period = dmc_periods[0];
	apu->dmc.bits = 8;
	apu->dmc.silence = true;
	apu->pulse_table[0] = 0;
	for (int i = 1; i < 31; i++)
		apu->pulse_table[i] = (uint32_t)(95.52 / (8128.0 / i + 100.0) * (1 << 24) + 0.5);
	apu->tnd_table[0] = 0;
	for (int i = 1; i < 203; i++)
		apu->tnd_table[i] = (uint32_t)(163.67 / (24329.0 / i + 100.0) * (1 << 24) + 0.5);
	nes->apu_deadline = 0;
}

/* Reset silences the channels and acts as a $4017 write of the last value. */
void apu_reset(struct nes *nes)
{
	apu_run(nes, nes->cpu.cycles);
	write_status(nes, 0);
	write_register(nes, 0x4017, nes->apu.frame_write);
	set_deadline(nes);
}

/* SPDX-License-Identifier: MIT */
/* Go-style channels for C programs on Yolk: typed by element size, buffered or unbuffered,
 * with close and select. Semantics follow Go's:
 *   - an unbuffered send waits for a receiver (a rendezvous); a buffered one only when full;
 *   - receiving from a closed channel returns at once once it is drained, with *ok = false and
 *     the element zeroed;
 *   - sending on (or closing) a closed channel is an error: reported on stderr, returned as
 *     CHAN_ERROR_CLOSED;
 *   - chan_select picks uniformly at random among the cases that are ready.
 * All functions are safe to call from any number of routines or threads. See docs/go.md. */
#ifndef YOLK_CHAN_H
#define YOLK_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CHAN_ERROR_CLOSED   (-1)
#define CHAN_SELECT_DEFAULT (-1)
#define CHAN_SELECT_TIMEOUT (-2)
#define CHAN_NO_TIMEOUT	    INT64_MAX

struct chan;

/* A channel of elements of element_size bytes holding up to capacity of them (0: unbuffered).
 * NULL when out of memory. */
struct chan *chan_make(size_t element_size, size_t capacity);
/* Frees a channel nobody uses any more. */
void chan_free(struct chan *channel);
/* Copies *element into the channel. 0, or CHAN_ERROR_CLOSED. */
int chan_send(struct chan *channel, const void *element);
/* Copies the next element to *element (may be NULL to drop it). *ok (may be NULL) is true for
 * a sent value and false when the channel is closed and drained. */
void chan_recv(struct chan *channel, void *element, bool *ok);
/* 0, or CHAN_ERROR_CLOSED when it was closed already. */
int chan_close(struct chan *channel);
size_t chan_len(struct chan *channel);
size_t chan_cap(struct chan *channel);

enum chan_direction { CHAN_SEND, CHAN_RECV };

struct chan_case {
	struct chan *channel; /* NULL: this case is never ready (as a nil channel in Go) */
	enum chan_direction direction;
	void *element; /* what to send, or where to receive (may be NULL for receive) */
	bool ok;       /* set for the receive case that fires */
};

/* Waits until one case can proceed, does it and returns its index. With has_default it does
 * not wait: CHAN_SELECT_DEFAULT when no case is ready. timeout_ns (CHAN_NO_TIMEOUT for none)
 * bounds the wait: CHAN_SELECT_TIMEOUT when it passes. A send case on a closed channel fires
 * and returns its index after reporting the error, as Go would panic there. */
int chan_select(struct chan_case *cases, size_t count, bool has_default, int64_t timeout_ns);

#ifdef __cplusplus
}
#endif
#endif

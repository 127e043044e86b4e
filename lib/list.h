/* SPDX-License-Identifier: MIT */
/* The kernel's one intrusive doubly linked list: a struct list_node inside each element, a
 * struct list_node as the head (circular, so empty means head.next == &head). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "kernel/compiler.h"

struct list_node {
	struct list_node *next, *prev;
};

#define LIST_INIT(head)                                                                            \
	{                                                                                          \
		&(head), &(head)                                                                   \
	}

static inline void list_init(struct list_node *head)
{
	head->next = head->prev = head;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

static inline void list_insert_before(struct list_node *position, struct list_node *node)
{
	node->prev = position->prev;
	node->next = position;
	position->prev->next = node;
	position->prev = node;
}

static inline void list_add_tail(struct list_node *head, struct list_node *node)
{
	list_insert_before(head, node);
}

static inline void list_add_head(struct list_node *head, struct list_node *node)
{
	list_insert_before(head->next, node);
}

static inline void list_remove(struct list_node *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->next = node->prev = node;
}

static inline struct list_node *list_pop_head(struct list_node *head)
{
	struct list_node *node = head->next;

	if (node == head)
		return NULL;
	list_remove(node);
	return node;
}

#define list_entry(node, type, member) container_of(node, type, member)
#define list_for_each(node, head)      for (node = (head)->next; node != (head); node = node->next)
#define list_for_each_safe(node, next_node, head)                                                  \
	for (node = (head)->next, next_node = node->next; node != (head);                          \
	     node = next_node, next_node = node->next)

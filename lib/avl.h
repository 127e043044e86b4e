/* SPDX-License-Identifier: MIT */
/* An intrusive AVL tree ordered by a 64-bit key kept in each node: O(log n) insert, remove,
 * and lookup of the last node at or below a key, plus in-order neighbours. Pure code, unit-
 * tested on the host. Duplicate keys are not allowed. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct avl_node {
	struct avl_node *left, *right, *parent;
	uint64_t key;
	int height;
};

struct avl_tree {
	struct avl_node *root;
	size_t count;
};

/* Inserts `node` with node->key set; false (and nothing changed) if the key is present. */
bool avl_insert(struct avl_tree *tree, struct avl_node *node);
void avl_remove(struct avl_tree *tree, struct avl_node *node);
/* The node with the greatest key <= key, or NULL. */
struct avl_node *avl_floor(const struct avl_tree *tree, uint64_t key);
/* The node with the smallest key >= key, or NULL. */
struct avl_node *avl_ceiling(const struct avl_tree *tree, uint64_t key);
struct avl_node *avl_first(const struct avl_tree *tree);
struct avl_node *avl_next(const struct avl_node *node);
struct avl_node *avl_previous(const struct avl_node *node);

// SPDX-License-Identifier: MIT
/* AVL tree (see lib/avl.h): each node stores its height; after an insert or a removal the path
 * to the root is rebalanced with single or double rotations. */
#include "lib/avl.h"

static int height(const struct avl_node *node)
{
	return node ? node->height : 0;
}

static void update_height(struct avl_node *node)
{
	int left = height(node->left), right = height(node->right);

	node->height = 1 + (left > right ? left : right);
}

static int balance_of(const struct avl_node *node)
{
	return height(node->left) - height(node->right);
}

static void replace_child(struct avl_tree *tree, struct avl_node *parent, struct avl_node *old,
			  struct avl_node *new_child)
{
	if (!parent)
		tree->root = new_child;
	else if (parent->left == old)
		parent->left = new_child;
	else
		parent->right = new_child;
	if (new_child)
		new_child->parent = parent;
}

static struct avl_node *rotate_left(struct avl_tree *tree, struct avl_node *node)
{
	struct avl_node *pivot = node->right;

	replace_child(tree, node->parent, node, pivot);
	node->right = pivot->left;
	if (node->right)
		node->right->parent = node;
	pivot->left = node;
	node->parent = pivot;
	update_height(node);
	update_height(pivot);
	return pivot;
}

static struct avl_node *rotate_right(struct avl_tree *tree, struct avl_node *node)
{
	struct avl_node *pivot = node->left;

	replace_child(tree, node->parent, node, pivot);
	node->left = pivot->right;
	if (node->left)
		node->left->parent = node;
	pivot->right = node;
	node->parent = pivot;
	update_height(node);
	update_height(pivot);
	return pivot;
}

/* Walks from node to the root, restoring heights and balance. */
static void rebalance(struct avl_tree *tree, struct avl_node *node)
{
	while (node) {
		update_height(node);
		int balance = balance_of(node);
		if (balance > 1) {
			if (balance_of(node->left) < 0)
				rotate_left(tree, node->left);
			node = rotate_right(tree, node);
		} else if (balance < -1) {
			if (balance_of(node->right) > 0)
				rotate_right(tree, node->right);
			node = rotate_left(tree, node);
		}
		node = node->parent;
	}
}

bool avl_insert(struct avl_tree *tree, struct avl_node *node)
{
	struct avl_node *parent = NULL, **link = &tree->root;

	while (*link) {
		parent = *link;
		if (node->key == parent->key)
			return false;
		link = node->key < parent->key ? &parent->left : &parent->right;
	}
	node->left = node->right = NULL;
	node->parent = parent;
	node->height = 1;
	*link = node;
	tree->count++;
	rebalance(tree, parent);
	return true;
}

static struct avl_node *leftmost(struct avl_node *node)
{
	while (node && node->left)
		node = node->left;
	return node;
}

static struct avl_node *rightmost(struct avl_node *node)
{
	while (node && node->right)
		node = node->right;
	return node;
}

void avl_remove(struct avl_tree *tree, struct avl_node *node)
{
	struct avl_node *rebalance_from;

	if (node->left && node->right) {
		/* Put the successor (no left child) in node's place. */
		struct avl_node *successor = leftmost(node->right);
		rebalance_from = successor->parent == node ? successor : successor->parent;
		if (successor->parent != node) {
			replace_child(tree, successor->parent, successor, successor->right);
			successor->right = node->right;
			successor->right->parent = successor;
		}
		replace_child(tree, node->parent, node, successor);
		successor->left = node->left;
		successor->left->parent = successor;
	} else {
		struct avl_node *child = node->left ? node->left : node->right;
		rebalance_from = node->parent;
		replace_child(tree, node->parent, node, child);
	}
	tree->count--;
	rebalance(tree, rebalance_from);
}

struct avl_node *avl_floor(const struct avl_tree *tree, uint64_t key)
{
	struct avl_node *node = tree->root, *best = NULL;

	while (node) {
		if (node->key == key)
			return node;
		if (node->key < key) {
			best = node;
			node = node->right;
		} else {
			node = node->left;
		}
	}
	return best;
}

struct avl_node *avl_ceiling(const struct avl_tree *tree, uint64_t key)
{
	struct avl_node *node = tree->root, *best = NULL;

	while (node) {
		if (node->key == key)
			return node;
		if (node->key > key) {
			best = node;
			node = node->left;
		} else {
			node = node->right;
		}
	}
	return best;
}

struct avl_node *avl_first(const struct avl_tree *tree)
{
	return leftmost(tree->root);
}

struct avl_node *avl_next(const struct avl_node *node)
{
	if (node->right)
		return leftmost(node->right);
	while (node->parent && node->parent->right == node)
		node = node->parent;
	return node->parent;
}

struct avl_node *avl_previous(const struct avl_node *node)
{
	if (node->left)
		return rightmost(node->left);
	while (node->parent && node->parent->left == node)
		node = node->parent;
	return node->parent;
}

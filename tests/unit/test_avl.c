/* The AVL tree (lib/avl.c): random inserts and removals checked against a shadow array, with
 * the tree's balance and ordering verified throughout. */
#include <stdlib.h>
#include "lib/avl.h"
#include "tests/unit/unit.h"

#define NODES 4096

static int check_subtree(const struct avl_node *node, const struct avl_node *parent, uint64_t low,
			 uint64_t high, int *bad)
{
	if (!node)
		return 0;
	if (node->parent != parent || node->key < low || node->key > high)
		(*bad)++;
	int left = check_subtree(node->left, node, low, node->key ? node->key - 1 : 0, bad);
	int right = check_subtree(node->right, node, node->key + 1, high, bad);
	if (left - right > 1 || right - left > 1 ||
	    node->height != 1 + (left > right ? left : right))
		(*bad)++;
	return node->height;
}

TEST(avl_random_operations_stay_balanced_and_ordered)
{
	static struct avl_node nodes[NODES];
	static bool present[NODES];
	struct avl_tree tree = {0};
	uint64_t state = 12345;
	int bad = 0;

	for (int step = 0; step < 200000; step++) {
		state = state * 6364136223846793005ull + 1442695040888963407ull;
		unsigned index = (state >> 33) % NODES;
		if (present[index]) {
			avl_remove(&tree, &nodes[index]);
			present[index] = false;
		} else {
			nodes[index].key = (uint64_t)index * 16 + 1;
			CHECK(avl_insert(&tree, &nodes[index]));
			present[index] = true;
		}
		if (step % 5000 == 0)
			check_subtree(tree.root, NULL, 0, UINT64_MAX, &bad);
	}
	CHECK_EQ(bad, 0);
	size_t count = 0;
	uint64_t previous = 0;
	for (struct avl_node *node = avl_first(&tree); node; node = avl_next(node)) {
		CHECK(node->key > previous);
		previous = node->key;
		count++;
	}
	CHECK_EQ(count, tree.count);
	unsigned expected = 0;
	for (unsigned i = 0; i < NODES; i++)
		expected += present[i];
	CHECK_EQ(count, expected);
}

TEST(avl_floor_ceiling_neighbours_and_duplicates)
{
	static struct avl_node nodes[5];
	struct avl_tree tree = {0};

	for (int i = 0; i < 5; i++) {
		nodes[i].key = 100 * (i + 1);
		CHECK(avl_insert(&tree, &nodes[i]));
	}
	struct avl_node duplicate = {.key = 300};
	CHECK(!avl_insert(&tree, &duplicate));
	CHECK(avl_floor(&tree, 99) == NULL);
	CHECK_EQ(avl_floor(&tree, 100)->key, 100);
	CHECK_EQ(avl_floor(&tree, 299)->key, 200);
	CHECK_EQ(avl_floor(&tree, 100000)->key, 500);
	CHECK_EQ(avl_ceiling(&tree, 101)->key, 200);
	CHECK(avl_ceiling(&tree, 501) == NULL);
	CHECK_EQ(avl_next(&nodes[1])->key, 300);
	CHECK_EQ(avl_previous(&nodes[1])->key, 100);
	CHECK(avl_previous(&nodes[0]) == NULL);
	CHECK(avl_next(&nodes[4]) == NULL);
}

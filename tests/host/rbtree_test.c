/*
 * Host test of lib/rbtree.c: random inserts and erases (duplicate keys
 * included, as the scheduler has equal vruntimes), checking after every
 * step the red-black invariants, the parent links, the in-order walk
 * both ways and the cached leftmost node. Built with ASan and UBSan.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tine/rbtree.h"

struct item {
	struct rb_node node;
	long key;
	int in;
};

static int passed, failed;

static void check(int ok, const char *what)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", passed + failed + 1, what);
	if (ok)
		passed++;
	else
		failed++;
}

/* Black height of n, or -1 if an invariant is broken below it. */
static int black_height(const struct rb_node *n, const struct rb_node *parent)
{
	int l, r;

	if (!n)
		return 1;
	if (n->parent != parent)
		return -1;
	if (n->color == RB_RED &&
	    ((n->left && n->left->color == RB_RED) ||
	     (n->right && n->right->color == RB_RED)))
		return -1;
	l = black_height(n->left, n);
	r = black_height(n->right, n);
	if (l < 0 || r < 0 || l != r)
		return -1;
	return l + (n->color == RB_BLACK);
}

static void insert(struct rb_root_cached *root, struct item *it)
{
	struct rb_node **link = &root->root.node, *parent = NULL;
	int leftmost = 1;

	while (*link) {
		parent = *link;
		if (it->key < rb_entry(parent, struct item, node)->key) {
			link = &parent->left;
		} else {
			link = &parent->right;
			leftmost = 0;
		}
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color_cached(&it->node, root, leftmost);
	it->in = 1;
}

/* Invariants, order and count of the whole tree. */
static int tree_ok(struct rb_root_cached *root, int expect)
{
	struct rb_node *n;
	long prev = -1;
	int count = 0;

	if (root->root.node && root->root.node->color != RB_BLACK)
		return 0;
	if (black_height(root->root.node, NULL) < 0)
		return 0;
	if (root->leftmost != rb_first(&root->root))
		return 0;
	for (n = rb_first(&root->root); n; n = rb_next(n), count++) {
		long k = rb_entry(n, struct item, node)->key;

		if (k < prev)
			return 0;
		prev = k;
	}
	if (count != expect)
		return 0;
	for (n = rb_last(&root->root); n; n = rb_prev(n))
		count--;
	return count == 0;
}

int main(void)
{
	enum { N = 2000, STEPS = 20000 };
	static struct item items[N];
	struct rb_root_cached root = RB_ROOT_CACHED;
	int in = 0, bad = 0, i, step;

	srand(42);
	for (i = 0; i < N; i++) {
		items[i].key = rand() % (N / 4);	/* many duplicates */
		RB_CLEAR_NODE(&items[i].node);
	}
	for (step = 0; step < STEPS; step++) {
		struct item *it = &items[rand() % N];

		if (it->in) {
			rb_erase_cached(&it->node, &root);
			it->in = 0;
			in--;
			if (!RB_EMPTY_NODE(&it->node))
				bad++;
		} else {
			insert(&root, it);
			in++;
		}
		if (!tree_ok(&root, in))
			bad++;
	}
	check(bad == 0, "20000 random inserts and erases keep the invariants");
	for (i = 0; i < N; i++)
		if (items[i].in) {
			rb_erase_cached(&items[i].node, &root);
			in--;
		}
	check(in == 0 && RB_EMPTY_ROOT(&root.root) && !root.leftmost,
	      "erasing everything leaves an empty tree");
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

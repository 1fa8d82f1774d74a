/*
 * Red-black trees: balanced binary search trees with O(log n) insert,
 * erase and search, as the scheduler's vruntime-ordered run queue needs.
 *
 * Like Linux's, the tree is intrusive and does no comparisons itself:
 * the caller walks down to the insertion point with its own ordering,
 * links the node there with rb_link_node() and lets rb_insert_color()
 * rebalance. The _cached variants also keep the leftmost (smallest)
 * node, so "pick the first" is O(1).
 *
 * No locking here: the tree's owner says which lock protects it.
 */
#ifndef TINE_RBTREE_H
#define TINE_RBTREE_H

#include <tine/compiler.h>
#include <tine/types.h>

#define RB_RED 0
#define RB_BLACK 1

struct rb_node {
	struct rb_node *parent;		/* NULL at the root; self when unlinked */
	struct rb_node *left, *right;	/* smaller / greater children */
	int color;			/* RB_RED or RB_BLACK */
};

struct rb_root {
	struct rb_node *node;		/* the root, NULL when empty */
};

struct rb_root_cached {
	struct rb_root root;
	struct rb_node *leftmost;	/* the smallest node, NULL when empty */
};

#define RB_ROOT ((struct rb_root){ NULL })
#define RB_ROOT_CACHED ((struct rb_root_cached){ { NULL }, NULL })

#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member)                                  \
	({                                                                \
		struct rb_node *__n = (ptr);                              \
		__n ? rb_entry(__n, type, member) : NULL;                 \
	})

/* A node not in any tree points at itself (RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(n) ((n)->parent == (n))
#define RB_CLEAR_NODE(n) ((n)->parent = (n))
#define RB_EMPTY_ROOT(r) ((r)->node == NULL)

/* Put node in the empty slot *link below parent (before rebalancing). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->parent = parent;
	node->left = node->right = NULL;
	node->color = RB_RED;
	*link = node;
}

/* Rebalance after rb_link_node(). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Unlink node from the tree and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);
/* The smallest and largest nodes, or NULL for an empty tree. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
/* In-order successor and predecessor, or NULL at the ends. */
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* As rb_insert_color(); @leftmost says the node went in leftmost. */
static inline void rb_insert_color_cached(struct rb_node *node,
					  struct rb_root_cached *root,
					  bool leftmost)
{
	if (leftmost)
		root->leftmost = node;
	rb_insert_color(node, &root->root);
}

static inline void rb_erase_cached(struct rb_node *node,
				   struct rb_root_cached *root)
{
	if (root->leftmost == node)
		root->leftmost = rb_next(node);
	rb_erase(node, &root->root);
}

static inline struct rb_node *rb_first_cached(const struct rb_root_cached *r)
{
	return r->leftmost;
}

#endif

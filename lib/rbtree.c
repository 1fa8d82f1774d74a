/*
 * Red-black trees (include/tine/rbtree.h), after the textbook algorithm
 * (Cormen et al., "Introduction to Algorithms", ch. 13) with NULL leaves.
 *
 * The invariants, checked by tests/host/rbtree_test.c after every step:
 * the root is black, a red node has no red child, and every path from a
 * node down to a leaf crosses the same number of black nodes. Hence the
 * depth is at most 2 log2(n + 1).
 */
#include <tine/rbtree.h>

static bool is_red(const struct rb_node *n)
{
	return n && n->color == RB_RED;
}

/* Make @new take @old's place as a child of @parent (or as the root). */
static void replace_child(struct rb_node *parent, struct rb_node *old,
			  struct rb_node *new, struct rb_root *root)
{
	if (!parent)
		root->node = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
}

/* x's right child y becomes x's parent; x becomes y's left child. */
static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	y->parent = x->parent;
	replace_child(x->parent, x, y, root);
	y->left = x;
	x->parent = y;
}

/* The mirror image of rotate_left(). */
static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	y->parent = x->parent;
	replace_child(x->parent, x, y, root);
	y->right = x;
	x->parent = y;
}

/*
 * rb_insert_color - restore the invariants after a red leaf was linked
 * in: while its parent is red too, recolour (red uncle) or rotate (black
 * uncle, at most two rotations in all).
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *p, *g, *u;

	while ((p = node->parent) && p->color == RB_RED) {
		g = p->parent;		/* exists: a red node is not the root */
		if (p == g->left) {
			u = g->right;
			if (is_red(u)) {
				p->color = u->color = RB_BLACK;
				g->color = RB_RED;
				node = g;
				continue;
			}
			if (node == p->right) {
				rotate_left(p, root);
				node = p;
				p = node->parent;
			}
			p->color = RB_BLACK;
			g->color = RB_RED;
			rotate_right(g, root);
		} else {
			u = g->left;
			if (is_red(u)) {
				p->color = u->color = RB_BLACK;
				g->color = RB_RED;
				node = g;
				continue;
			}
			if (node == p->left) {
				rotate_right(p, root);
				node = p;
				p = node->parent;
			}
			p->color = RB_BLACK;
			g->color = RB_RED;
			rotate_left(g, root);
		}
	}
	root->node->color = RB_BLACK;
}

/*
 * After a black node was removed, the subtree at x (possibly NULL, the
 * child of parent) lacks one black: push the deficit up or fix it with
 * rotations around the sibling.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent,
			struct rb_root *root)
{
	struct rb_node *w;

	while (x != root->node && !is_red(x)) {
		if (x == parent->left) {
			w = parent->right;
			if (is_red(w)) {
				w->color = RB_BLACK;
				parent->color = RB_RED;
				rotate_left(parent, root);
				w = parent->right;
			}
			if (!is_red(w->left) && !is_red(w->right)) {
				w->color = RB_RED;
				x = parent;
				parent = x->parent;
				continue;
			}
			if (!is_red(w->right)) {
				w->left->color = RB_BLACK;
				w->color = RB_RED;
				rotate_right(w, root);
				w = parent->right;
			}
			w->color = parent->color;
			parent->color = RB_BLACK;
			w->right->color = RB_BLACK;
			rotate_left(parent, root);
		} else {
			w = parent->left;
			if (is_red(w)) {
				w->color = RB_BLACK;
				parent->color = RB_RED;
				rotate_right(parent, root);
				w = parent->left;
			}
			if (!is_red(w->left) && !is_red(w->right)) {
				w->color = RB_RED;
				x = parent;
				parent = x->parent;
				continue;
			}
			if (!is_red(w->left)) {
				w->right->color = RB_BLACK;
				w->color = RB_RED;
				rotate_left(w, root);
				w = parent->left;
			}
			w->color = parent->color;
			parent->color = RB_BLACK;
			w->left->color = RB_BLACK;
			rotate_right(parent, root);
		}
		x = root->node;
		break;
	}
	if (x)
		x->color = RB_BLACK;
}

/*
 * rb_erase - unlink z. A node with two children is replaced by its
 * successor y (which has no left child), so exactly one node with at
 * most one child leaves its position; if that was black, rebalance.
 */
void rb_erase(struct rb_node *z, struct rb_root *root)
{
	struct rb_node *y = z, *x, *xparent;
	int color;

	if (z->left && z->right)
		for (y = z->right; y->left; y = y->left)
			;
	x = y->left ? y->left : y->right;
	xparent = y->parent;
	if (x)
		x->parent = xparent;
	replace_child(xparent, y, x, root);
	color = y->color;
	if (y != z) {
		if (xparent == z)
			xparent = y;
		y->parent = z->parent;
		y->left = z->left;
		y->right = z->right;
		y->color = z->color;
		replace_child(z->parent, z, y, root);
		if (y->left)
			y->left->parent = y;
		if (y->right)
			y->right->parent = y;
	}
	RB_CLEAR_NODE(z);
	if (color == RB_BLACK)
		erase_fixup(x, xparent, root);
}

/*
 * rb_first - the leftmost (smallest) node of root, or NULL if empty.
 * The caller holds whatever lock guards the tree, as for every walk.
 */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->node;

	while (n && n->left)
		n = n->left;
	return n;
}

/* rb_last - the rightmost (largest) node of root, or NULL if empty. */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->node;

	while (n && n->right)
		n = n->right;
	return n;
}

/* rb_next - node's in-order successor, or NULL for the last. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *p;

	if (node->right) {
		node = node->right;
		while (node->left)
			node = node->left;
		return (struct rb_node *)node;
	}
	while ((p = node->parent) && node == p->right)
		node = p;
	return p;
}

/* rb_prev - node's in-order predecessor, or NULL for the first. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *p;

	if (node->left) {
		node = node->left;
		while (node->right)
			node = node->right;
		return (struct rb_node *)node;
	}
	while ((p = node->parent) && node == p->left)
		node = p;
	return p;
}

// The C side of GraphvizBridge: the system's libgraphviz headers (found through pkg-config's
// libgvc, Debian's libgraphviz-dev; none are copied here) plus tiny inline wrappers for what Swift
// cannot import: function-like macros (ND_coord, GD_bb, …) and mutable C globals (Agundirected).
#ifndef COAUTHOR_CGRAPHVIZ_SHIM_H
#define COAUTHOR_CGRAPHVIZ_SHIM_H

#include <gvc.h>
#include <stdlib.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/// The `Agundirected` graph descriptor (a mutable C global, which Swift 6 rejects).
static inline Agdesc_t cgv_undirected(void) { return Agundirected; }

/// Centre of a laid-out node, in points (`ND_coord`).
static inline pointf cgv_node_coord(Agnode_t *n) { return ND_coord(n); }
/// Width and height of a laid-out node in inches (`ND_width`, `ND_height`): with
/// `fixedsize=shape` they cover the shape and its label, which is what overlap removal separates.
static inline double cgv_node_width(Agnode_t *n) { return ND_width(n); }
static inline double cgv_node_height(Agnode_t *n) { return ND_height(n); }
/// The measured size of a node's label in points (`ND_label(n)->dimen`); 0×0 without a label.
static inline pointf cgv_node_label_size(Agnode_t *n) {
    textlabel_t *l = ND_label(n);
    if (l == NULL) { pointf z = {0, 0}; return z; }
    return l->dimen;
}
/// The drawing's bounding box in points (`GD_bb`).
static inline boxf cgv_graph_bb(Agraph_t *g) { return GD_bb(g); }

/// Puts libc's two random streams back in the state of a fresh process: `rand()` as after
/// `srand(1)` and `drand48()` as never seeded (X = 0, default multiplier and addend). sfdp's
/// multilevel coarsening draws from `rand()` before it seeds it from `start`, so without this the
/// second layout in a process differs from the first.
static inline void cgv_reset_libc_random(void) {
    srand(1);
    unsigned short zero[3] = {0, 0, 0};
    seed48(zero);
}

/// Asks the kernel to kill this process with SIGKILL when its parent dies (Linux; elsewhere a no-op
/// returning -1). `prctl` is variadic, which Swift cannot call.
static inline int cgv_die_with_parent(void) {
#ifdef __linux__
    return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
#else
    return -1;
#endif
}

#endif

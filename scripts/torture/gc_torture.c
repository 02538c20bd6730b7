/* gc_torture.c — escrt's GC torture: worker threads mutate a random object graph while
 * collections run, and check it against a shadow model the collector cannot see.
 *
 * The graph is cut into components of at most MAX_NODES nodes; a component belongs to one thread
 * at a time, so its mutations need no lock. Nodes are collectable (esc_alloc, sometimes
 * over-aligned or large) or malloc'ed (malloc/calloc/posix_memalign/realloc, freed by this
 * program when the model says they became unreachable). Edges and roots are interior pointers
 * (node + a random offset in [0, size], one past the end included). A component's root lives in a
 * global, a __thread variable, the worker's stack, or a collectable "holder" object only the
 * worker's stack refers to — the places promoted variables end up in. Components also travel
 * between threads through global mailboxes and survive their thread through the parking area
 * and, for the roots in the holder, as the thread's result through pthread_join.
 *
 * Invariant that makes the check meaningful: the shadow (per component: each node's id, size,
 * kind, payload version, address and its edges as node indices and offsets) lives in mmap'ed
 * memory escrt neither scans nor knows about, so it keeps nothing alive. The check walks the real
 * pointers from the real root and compares every reached node with the shadow: a node the
 * collector freed while reachable is either handed out again (another id or payload appears) or
 * zeroed, and the walk sees it. Every thread checks all of its components whenever the
 * collection count has moved (polled every POLL operations) and every CHECK_EVERY operations.
 *
 * Usage: gc_torture OPERATIONS [THREADS [GENERATIONS [SEED]]]; prints
 * "gc_torture: OPS operations, N corruptions, T s (C collections, M nodes at the end)" and exits
 * 1 when N > 0. */
#include "escrt.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum {
  MAX_NODES = 40,    /* nodes per component */
  EDGES = 4,         /* pointer fields per node */
  ROOTS = 12,        /* components per thread: 3 in each kind of root */
  MAX_THREADS = 64,  /* workers */
  MAILBOXES = 16,    /* components shared between threads */
  POLL = 8,          /* operations between two looks at the collection count */
  CHECK_EVERY = 512, /* operations between two unconditional checks */
  REPORT_LIMIT = 20  /* corruption messages printed */
};

enum root_kind { ROOT_GLOBAL, ROOT_TLS, ROOT_STACK, ROOT_HOLDER };
enum node_kind { NODE_GC, NODE_MALLOC };

struct edge {
  char *target; /* child + offset, or NULL */
  uint64_t offset;
};

struct node {
  uint64_t id;
  uint32_t index; /* in the component's shadow */
  uint32_t words; /* payload words */
  uint64_t version;
  struct edge edges[EDGES];
  uint64_t payload[];
};

/* {======================================================
 * The shadow model (mmap'ed, invisible to the collector)
 * ======================================================= */

struct shadow_node {
  struct node *address; /* never a root: this memory is not scanned */
  uint64_t id, version;
  uint32_t words, bytes;
  uint8_t live, kind;
  int8_t child[EDGES]; /* node index, -1 for none */
  uint32_t offset[EDGES];
};

struct component {
  struct shadow_node nodes[MAX_NODES];
  int root; /* node index, -1 for none */
  uint32_t root_offset;
};

static void *shadow_map(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    perror("gc_torture: mmap");
    exit(2);
  }
  return p;
}

static struct component *component_new(void) {
  struct component *c = shadow_map(sizeof *c);
  c->root = -1;
  return c;
}

/* {======================================================
 * Roots (scanned by the collector)
 * ======================================================= */

static char *global_roots[MAX_THREADS][ROOTS];
static __thread char *tls_roots[ROOTS];
static char *mailbox_roots[MAILBOXES];
static struct component *mailbox_shadows[MAILBOXES]; /* only touched under mailbox_locks */
static pthread_mutex_t mailbox_locks[MAILBOXES];
/* Where a worker leaves its components when it exits, for the next generation; the roots kept
 * in its holder object travel as the thread's result, through pthread_join, into
 * parked_holders. */
static char *parked_roots[MAX_THREADS][ROOTS];
static char **parked_holders[MAX_THREADS];
static struct component *parked_shadows[MAX_THREADS][ROOTS];

static atomic_ulong corruptions;

/* A worker's view of its roots: the slot of component K is in one of four kinds of place. */
struct worker {
  unsigned number;
  uint64_t rng, next_id;
  char **slot[ROOTS];
  struct component *shadow[ROOTS];
};

static uint64_t next_random(struct worker *w) {
  w->rng ^= w->rng << 13;
  w->rng ^= w->rng >> 7;
  w->rng ^= w->rng << 17;
  return w->rng;
}

static unsigned below(struct worker *w, unsigned n) { return (unsigned)(next_random(w) % n); }

/* {======================================================
 * Nodes
 * ======================================================= */

static uint64_t payload_word(uint64_t id, uint64_t version, uint32_t i) {
  return (id * 0x9E3779B97F4A7C15u) ^ (version << 32) ^ i;
}

static void fill_payload(struct node *n) {
  for (uint32_t i = 0; i < n->words; i++)
    n->payload[i] = payload_word(n->id, n->version, i);
}

/* A random payload: mostly small, 1 in 32 large enough to take whole blocks. */
static uint32_t random_words(struct worker *w) {
  return below(w, 32) == 0 ? 260 + below(w, 700) : below(w, 40);
}

static struct node *allocate_node(struct worker *w, enum node_kind kind, uint32_t words,
                                  uint32_t *bytes) {
  *bytes = (uint32_t)(sizeof(struct node) + words * sizeof(uint64_t));
  if (kind == NODE_GC) {
    static const size_t aligns[] = {0, 0, 0, 8, 16, 64, 256, 4096};
    return esc_alloc(*bytes, aligns[below(w, 8)]);
  }
  void *p = NULL;
  switch (below(w, 4)) {
  case 0:
    return calloc(1, *bytes);
  case 1:
    return posix_memalign(&p, 64, *bytes) == 0 ? p : NULL;
  default:
    return malloc(*bytes);
  }
}

/* Makes a node and records it in free shadow slot INDEX of C; the node is referenced only from
 * this function's frame until the caller links it. */
static struct node *make_node(struct worker *w, struct component *c, int index) {
  enum node_kind kind = below(w, 10) < 7 ? NODE_GC : NODE_MALLOC;
  uint32_t words = random_words(w), bytes;
  struct node *n = allocate_node(w, kind, words, &bytes);
  if (!n) {
    fputs("gc_torture: out of memory\n", stderr);
    exit(2);
  }
  memset(n, 0, sizeof *n);
  n->id = w->next_id++;
  n->index = (uint32_t)index;
  n->words = words;
  fill_payload(n);
  struct shadow_node *s = &c->nodes[index];
  memset(s, 0, sizeof *s);
  s->address = n;
  s->id = n->id;
  s->words = words;
  s->bytes = bytes;
  s->kind = (uint8_t)kind;
  s->live = 1;
  memset(s->child, -1, sizeof s->child);
  return n;
}

static char *pointer_into(struct component *c, int index, uint32_t offset) {
  return (char *)c->nodes[index].address + offset;
}

static int random_live(struct worker *w, struct component *c) {
  int start = (int)below(w, MAX_NODES);
  for (int i = 0; i < MAX_NODES; i++) {
    int index = (start + i) % MAX_NODES;
    if (c->nodes[index].live)
      return index;
  }
  return -1;
}

static int free_index(struct component *c) {
  for (int i = 0; i < MAX_NODES; i++)
    if (!c->nodes[i].live)
      return i;
  return -1;
}

/* Points edge E of node FROM (or the root, FROM == -1) at node TO, which is at NODE, + a random
 * offset (TO == -1: NULL), in the graph and in the shadow alike. */
static void set_edge(struct worker *w, struct component *c, char **root, int from, unsigned e,
                     int to, struct node *node) {
  uint32_t offset = to >= 0 ? below(w, c->nodes[to].bytes + 1) : 0;
  char *target = to >= 0 ? (char *)node + offset : NULL;
  if (from < 0) {
    *root = target;
    c->root = to;
    c->root_offset = offset;
    return;
  }
  struct node *n = c->nodes[from].address;
  n->edges[e].target = target;
  n->edges[e].offset = offset;
  c->nodes[from].child[e] = (int8_t)to;
  c->nodes[from].offset[e] = offset;
}

/* set_edge to a node already in the graph, found through the shadow. */
static void relink(struct worker *w, struct component *c, char **root, int from, unsigned e,
                   int to) {
  set_edge(w, c, root, from, e, to, to >= 0 ? c->nodes[to].address : NULL);
}

/* Recomputes reachability in the model after an edge or the root changed: nodes no longer
 * reachable leave the shadow, and malloc'ed ones are freed (the collector takes the others). */
static void prune(struct component *c) {
  uint8_t reached[MAX_NODES] = {0};
  int stack[MAX_NODES], top = 0;
  if (c->root >= 0) {
    reached[c->root] = 1;
    stack[top++] = c->root;
  }
  while (top > 0) {
    struct shadow_node *s = &c->nodes[stack[--top]];
    for (unsigned e = 0; e < EDGES; e++) {
      int child = s->child[e];
      if (child >= 0 && !reached[child]) {
        reached[child] = 1;
        stack[top++] = child;
      }
    }
  }
  for (int i = 0; i < MAX_NODES; i++) {
    struct shadow_node *s = &c->nodes[i];
    if (!s->live || reached[i])
      continue;
    if (s->kind == NODE_MALLOC)
      free(s->address);
    s->live = 0;
    s->address = NULL;
  }
}

/* {======================================================
 * The check
 * ======================================================= */

static void report(struct worker *w, unsigned k, int index, const char *what) {
  if (atomic_fetch_add(&corruptions, 1) < REPORT_LIMIT)
    fprintf(stderr, "gc_torture: corruption: thread %u component %u node %d: %s\n", w->number, k,
            index, what);
}

static const char *check_node(struct component *c, int index, const struct node *n) {
  const struct shadow_node *s = &c->nodes[index];
  if (n != s->address)
    return "pointer does not lead to the node's address";
  if (n->id != s->id || n->index != (uint32_t)index)
    return "id changed (the node was freed and reused)";
  if (n->words != s->words || n->version != s->version)
    return "header changed";
  for (uint32_t i = 0; i < n->words; i++)
    if (n->payload[i] != payload_word(s->id, s->version, i))
      return "payload changed";
  for (unsigned e = 0; e < EDGES; e++) {
    int child = s->child[e];
    const char *expected = child >= 0 ? pointer_into(c, child, s->offset[e]) : NULL;
    if (n->edges[e].target != expected || (child >= 0 && n->edges[e].offset != s->offset[e]))
      return "edge changed";
  }
  return NULL;
}

/* Walks the real graph of component K from its real root; on a mismatch the component is
 * reported and abandoned (its malloc'ed nodes leak: their memory may be anybody's now). */
static void check_component(struct worker *w, unsigned k, struct component *c, char **root) {
  uint8_t reached[MAX_NODES] = {0};
  int stack[MAX_NODES], top = 0, index = c->root;
  const char *what = NULL;
  if ((*root == NULL) != (c->root < 0))
    what = "root changed";
  else if (c->root >= 0) {
    reached[c->root] = 1;
    stack[top++] = c->root;
  }
  while (!what && top > 0) {
    index = stack[--top];
    /* The root's node comes from the real root; any other node's address equals the target of
     * its parent's real edge, which check_node compared already. */
    const struct node *n = c->nodes[index].address;
    if (index == c->root)
      n = (const struct node *)(*root - c->root_offset);
    what = check_node(c, index, n);
    for (unsigned e = 0; !what && e < EDGES; e++) {
      int child = c->nodes[index].child[e];
      if (child >= 0 && !reached[child]) {
        reached[child] = 1;
        stack[top++] = child;
      }
    }
  }
  for (int i = 0; !what && i < MAX_NODES; i++)
    if (c->nodes[i].live && !reached[i])
      what = "the shadow holds a node the graph does not reach";
  if (!what)
    return;
  report(w, k, index, what);
  memset(c, 0, sizeof *c);
  c->root = -1;
  *root = NULL;
}

static void check_all(struct worker *w) {
  for (unsigned k = 0; k < ROOTS; k++)
    check_component(w, k, w->shadow[k], w->slot[k]);
}

static uint64_t collections(void) {
  struct esc_stats s;
  esc_stats(&s);
  return s.collections;
}

/* {======================================================
 * Mutations
 * ======================================================= */

/* A random empty edge of node FROM, or -1 when all are taken. */
static int empty_edge(struct worker *w, struct component *c, int from) {
  unsigned e = below(w, EDGES);
  for (unsigned i = 0; i < EDGES; i++, e = (e + 1) % EDGES)
    if (c->nodes[from].child[e] < 0)
      return (int)e;
  return -1;
}

/* A new node, linked from the root (empty component) or from a random edge of a live node; the
 * edge's old target may become garbage. Between allocation and linking, and during the garbage
 * allocated in between, the node is referenced only from this frame. */
static void op_add(struct worker *w, struct component *c, char **root) {
  int index = free_index(c);
  if (index < 0)
    return;
  struct node *n = make_node(w, c, index);
  for (unsigned i = below(w, 3); i > 0; i--)
    esc_alloc(below(w, 300), 0);
  int from = c->root >= 0 ? random_live(w, c) : -1;
  if (from == index) /* the new node itself is live now; pick again among the others */
    from = c->root;
  int e = from >= 0 ? empty_edge(w, c, from) : 0;
  set_edge(w, c, root, from, e >= 0 ? (unsigned)e : below(w, EDGES), index, n);
  prune(c);
}

/* A new edge between two nodes (sharing and cycles), or a cut: what only the old edge reached
 * becomes garbage. */
static void op_link(struct worker *w, struct component *c, char **root) {
  int from = random_live(w, c), to = random_live(w, c);
  if (from < 0)
    return;
  int e = empty_edge(w, c, from);
  if (below(w, 32) == 0)
    relink(w, c, root, from, below(w, EDGES), below(w, 4) == 0 ? -1 : to);
  else if (e >= 0)
    relink(w, c, root, from, (unsigned)e, to);
  prune(c);
}

static void op_reroot(struct worker *w, struct component *c, char **root) {
  relink(w, c, root, -1, 0, below(w, 4) == 0 ? -1 : random_live(w, c));
  prune(c);
}

/* A new payload version: catches a node copied or restored from stale memory. */
static void op_touch(struct worker *w, struct component *c) {
  int index = random_live(w, c);
  if (index < 0)
    return;
  struct shadow_node *s = &c->nodes[index];
  s->version++;
  s->address->version = s->version;
  fill_payload(s->address);
}

/* Moves a malloc'ed node with realloc and repoints its parents and the root at the new block. */
static void op_realloc(struct worker *w, struct component *c, char **root) {
  int index = random_live(w, c);
  if (index < 0 || c->nodes[index].kind != NODE_MALLOC)
    return;
  struct shadow_node *s = &c->nodes[index];
  uint32_t words = random_words(w);
  uint32_t bytes = (uint32_t)(sizeof(struct node) + words * sizeof(uint64_t));
  struct node *n = realloc(s->address, bytes);
  if (!n) {
    fputs("gc_torture: out of memory\n", stderr);
    exit(2);
  }
  n->words = words;
  s->address = n;
  s->words = words;
  s->bytes = bytes;
  fill_payload(n);
  for (int i = 0; i < MAX_NODES; i++)
    for (unsigned e = 0; c->nodes[i].live && e < EDGES; e++)
      if (c->nodes[i].child[e] == index)
        set_edge(w, c, root, i, e, index, n);
  if (c->root == index)
    set_edge(w, c, root, -1, 0, index, n);
}

/* Trades component K with a mailbox: the root passes through this frame, the mailbox (a global)
 * and the slot; the received component is checked first. */
static void op_swap(struct worker *w, unsigned k) {
  unsigned m = below(w, MAILBOXES);
  pthread_mutex_lock(&mailbox_locks[m]);
  check_component(w, 1000 + m, mailbox_shadows[m], &mailbox_roots[m]);
  char *mine = *w->slot[k];
  struct component *shadow = w->shadow[k];
  *w->slot[k] = mailbox_roots[m];
  w->shadow[k] = mailbox_shadows[m];
  mailbox_roots[m] = mine;
  mailbox_shadows[m] = shadow;
  pthread_mutex_unlock(&mailbox_locks[m]);
}

static void operate(struct worker *w) {
  unsigned k = below(w, ROOTS), choice = below(w, 1000);
  struct component *c = w->shadow[k];
  char **root = w->slot[k];
  if (choice < 450)
    op_add(w, c, root);
  else if (choice < 700)
    op_link(w, c, root);
  else if (choice < 703)
    op_reroot(w, c, root);
  else if (choice < 900)
    op_touch(w, c);
  else if (choice < 940)
    op_realloc(w, c, root);
  else if (choice < 960)
    op_swap(w, k);
  else if (choice < 999)
    esc_alloc(below(w, 3000), 0);
  else if (below(w, 8) == 0)
    esc_collect();
}

/* {======================================================
 * Workers
 * ======================================================= */

struct job {
  unsigned number;
  unsigned long operations;
  uint64_t seed, first_id;
};

/* The roots of kind ROOT_STACK live in this frame and those of kind ROOT_HOLDER in a collectable
 * object only this frame refers to, and after the thread has exited only its result (the
 * threads of a generation are joined in order, so most results wait while others collect). */
static void *worker_main(void *arg) {
  const struct job *job = arg;
  struct worker w = {.number = job->number, .rng = job->seed | 1, .next_id = job->first_id};
  char *stack_roots[ROOTS] = {0};
  char **holder = parked_holders[job->number];
  parked_holders[job->number] = NULL;
  if (!holder)
    holder = esc_alloc(ROOTS * sizeof(char *), 0);
  for (unsigned k = 0; k < ROOTS; k++) {
    switch ((enum root_kind)(k % 4)) {
    case ROOT_GLOBAL:
      w.slot[k] = &global_roots[job->number][k];
      break;
    case ROOT_TLS:
      w.slot[k] = &tls_roots[k];
      break;
    case ROOT_STACK:
      w.slot[k] = &stack_roots[k];
      break;
    case ROOT_HOLDER:
      w.slot[k] = &holder[k];
      break;
    }
    if (k % 4 != ROOT_HOLDER)
      *w.slot[k] = parked_roots[job->number][k];
    w.shadow[k] = parked_shadows[job->number][k];
    parked_roots[job->number][k] = NULL;
  }
  uint64_t seen = collections();
  for (unsigned long i = 1; i <= job->operations; i++) {
    operate(&w);
    if (i % POLL == 0) {
      uint64_t now = collections();
      if (now != seen || i % CHECK_EVERY == 0)
        check_all(&w);
      seen = now;
    }
  }
  check_all(&w);
  for (unsigned k = 0; k < ROOTS; k++) {
    if (k % 4 != ROOT_HOLDER)
      parked_roots[job->number][k] = *w.slot[k];
    parked_shadows[job->number][k] = w.shadow[k];
  }
  return holder;
}

static double seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: gc_torture OPERATIONS [THREADS [GENERATIONS [SEED]]]\n", stderr);
    return 2;
  }
  unsigned long operations = strtoul(argv[1], NULL, 10);
  unsigned threads = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 8;
  unsigned generations = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 4;
  uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
  if (threads < 1 || threads > MAX_THREADS || generations < 1) {
    fputs("gc_torture: 1 to 64 threads, at least one generation\n", stderr);
    return 2;
  }
  for (unsigned m = 0; m < MAILBOXES; m++) {
    pthread_mutex_init(&mailbox_locks[m], NULL);
    mailbox_shadows[m] = component_new();
  }
  for (unsigned t = 0; t < threads; t++)
    for (unsigned k = 0; k < ROOTS; k++)
      parked_shadows[t][k] = component_new();
  double start = seconds_now();
  unsigned long done = 0;
  for (unsigned g = 0; g < generations; g++) {
    pthread_t ids[MAX_THREADS];
    struct job jobs[MAX_THREADS];
    for (unsigned t = 0; t < threads; t++) {
      unsigned long share = operations / generations / threads;
      uint64_t stream = (uint64_t)g * MAX_THREADS + t + 1;
      jobs[t] = (struct job){t, share, seed * 1000003u + stream, stream << 40};
      done += share;
      if (pthread_create(&ids[t], NULL, worker_main, &jobs[t]) != 0) {
        fputs("gc_torture: pthread_create failed\n", stderr);
        return 2;
      }
    }
    for (unsigned t = 0; t < threads; t++)
      pthread_join(ids[t], (void **)&parked_holders[t]);
  }
  esc_collect();
  struct worker final = {.number = MAX_THREADS};
  for (unsigned m = 0; m < MAILBOXES; m++)
    check_component(&final, 1000 + m, mailbox_shadows[m], &mailbox_roots[m]);
  for (unsigned t = 0; t < threads; t++)
    for (unsigned k = 0; k < ROOTS; k++)
      check_component(&final, t * 100 + k, parked_shadows[t][k],
                      k % 4 == ROOT_HOLDER ? &parked_holders[t][k] : &parked_roots[t][k]);
  unsigned long bad = atomic_load(&corruptions), nodes = 0;
  for (unsigned t = 0; t < threads; t++)
    for (unsigned k = 0; k < ROOTS; k++)
      for (int i = 0; i < MAX_NODES; i++)
        nodes += parked_shadows[t][k]->nodes[i].live;
  printf("gc_torture: %lu operations, %lu corruptions, %.1f s (%llu collections, %lu nodes at the "
         "end)\n",
         done, bad, seconds_now() - start, (unsigned long long)collections(), nodes);
  return bad ? 1 : 0;
}

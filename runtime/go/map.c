/* map.c — Go maps: a chained hash table whose header lives in the caller's object (the
 * allocation site of make or of a map literal, [6]uint64) and whose entries and bucket array
 * come from esc_alloc. Entries also form a list in insertion order, which iteration follows
 * (Go randomises the order; programs whose output depends on it do not print what `go run`
 * prints anyway). Deleted entries leave the hash chains but stay in the order list, marked, so
 * an iteration in progress can step past them.
 *
 * Invariant: keys are compared bytewise (key kind 0: integers, booleans, pointers, channels) or
 * by content (kind 1: strings); a nil map reads as empty and panics on assignment, as in Go. */
#include "escgo.h"

#include "escrt.h"

#include <string.h>

typedef struct entry {
  struct entry *chain; /* next in its bucket */
  struct entry *order; /* next in insertion order */
  uint64_t hash;
  int64_t deleted;
  _Alignas(16) unsigned char data[]; /* key, then value at value_offset */
} entry;

typedef struct {
  entry **buckets;
  int64_t count, bucket_count, key_size, value_size;
  int64_t key_kind_and_offset; /* key kind in the low 8 bits, value offset above */
} map_header;

typedef struct {
  entry *first, *last; /* insertion order */
} map_order;

_Static_assert(sizeof(map_header) == 6 * 8, "the front end reserves [6 x i64] for a map header");

typedef struct {
  map_header *map;
  entry *next;
  int64_t unused[2];
} map_iterator;

/* The order list lives in a small esc_alloc'd block the first bucket array points at. */
static map_order *order_of(map_header *m) { return (map_order *)m->buckets[m->bucket_count]; }

static int64_t key_kind(const map_header *m) { return m->key_kind_and_offset & 0xFF; }
static int64_t value_offset(const map_header *m) { return m->key_kind_and_offset >> 8; }

static void *allocate(size_t size) {
  void *memory = esc_alloc(size, 16);
  if (!memory)
    escgo_fatal("runtime: out of memory");
  return memory;
}

void escgo_map_init(void *header, int64_t key_size, int64_t value_size, int64_t kind) {
  map_header *m = header;
  m->key_size = key_size;
  m->value_size = value_size;
  int64_t offset = (key_size + 15) / 16 * 16;
  m->key_kind_and_offset = kind | offset << 8;
  m->bucket_count = 8;
  m->buckets = allocate((size_t)(m->bucket_count + 1) * sizeof(entry *));
  m->buckets[m->bucket_count] = allocate(sizeof(map_order));
  m->count = 0;
}

static uint64_t hash_key(const map_header *m, const void *key) {
  const unsigned char *bytes = key;
  size_t length = (size_t)m->key_size;
  if (key_kind(m) == 1) {
    const escgo_string *s = key;
    bytes = (const unsigned char *)s->data;
    length = (size_t)s->length;
  }
  uint64_t hash = 14695981039346656037u;
  for (size_t i = 0; i < length; i++)
    hash = (hash ^ bytes[i]) * 1099511628211u;
  return hash;
}

static int same_key(const map_header *m, const void *x, const void *y) {
  if (key_kind(m) == 1) {
    const escgo_string *a = x, *b = y;
    return escgo_string_compare(a->data, a->length, b->data, b->length) == 0;
  }
  return memcmp(x, y, (size_t)m->key_size) == 0;
}

static entry *find(map_header *m, const void *key, uint64_t hash) {
  for (entry *e = m->buckets[hash % (uint64_t)m->bucket_count]; e; e = e->chain)
    if (e->hash == hash && same_key(m, e->data, key))
      return e;
  return NULL;
}

static void grow(map_header *m) {
  int64_t count = m->bucket_count * 2;
  entry **buckets = allocate((size_t)(count + 1) * sizeof(entry *));
  buckets[count] = m->buckets[m->bucket_count];
  for (int64_t i = 0; i < m->bucket_count; i++) {
    for (entry *e = m->buckets[i], *next; e; e = next) {
      next = e->chain;
      e->chain = buckets[e->hash % (uint64_t)count];
      buckets[e->hash % (uint64_t)count] = e;
    }
  }
  m->buckets = buckets;
  m->bucket_count = count;
}

int64_t escgo_map_len(void *map) { return map ? ((map_header *)map)->count : 0; }

int64_t escgo_map_lookup(void *map, const void *key, void *value_out) {
  map_header *m = map;
  if (!m)
    return 0;
  entry *e = find(m, key, hash_key(m, key));
  if (!e)
    return 0;
  memcpy(value_out, e->data + value_offset(m), (size_t)m->value_size);
  return 1;
}

void escgo_map_assign(void *map, const void *key, const void *value) {
  map_header *m = map;
  if (!m)
    escgo_fatal("assignment to entry in nil map");
  uint64_t hash = hash_key(m, key);
  entry *e = find(m, key, hash);
  if (!e) {
    if (m->count >= m->bucket_count * 2)
      grow(m);
    e = allocate(sizeof(entry) + (size_t)(value_offset(m) + m->value_size));
    e->hash = hash;
    memcpy(e->data, key, (size_t)m->key_size);
    e->chain = m->buckets[hash % (uint64_t)m->bucket_count];
    m->buckets[hash % (uint64_t)m->bucket_count] = e;
    map_order *order = order_of(m);
    if (order->last)
      order->last->order = e;
    else
      order->first = e;
    order->last = e;
    m->count++;
  }
  memcpy(e->data + value_offset(m), value, (size_t)m->value_size);
}

void escgo_map_delete(void *map, const void *key) {
  map_header *m = map;
  if (!m)
    return;
  uint64_t hash = hash_key(m, key);
  for (entry **link = &m->buckets[hash % (uint64_t)m->bucket_count]; *link;
       link = &(*link)->chain) {
    if ((*link)->hash == hash && same_key(m, (*link)->data, key)) {
      (*link)->deleted = 1;
      *link = (*link)->chain;
      m->count--;
      return;
    }
  }
}

void escgo_map_iter_init(void *map, void *iterator) {
  map_iterator *it = iterator;
  it->map = map;
  it->next = map ? order_of(map)->first : NULL;
}

int64_t escgo_map_next(void *iterator, void *key_out, void *value_out) {
  map_iterator *it = iterator;
  while (it->next && it->next->deleted)
    it->next = it->next->order;
  entry *e = it->next;
  if (!e)
    return 0;
  it->next = e->order;
  memcpy(key_out, e->data, (size_t)it->map->key_size);
  memcpy(value_out, e->data + value_offset(it->map), (size_t)it->map->value_size);
  return 1;
}

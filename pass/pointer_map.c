/*
 * pointer_map.c — open-addressing hash map from pointer keys to intptr_t values (linear
 * probing, no deletion).
 *
 * Invariant: the slot array's capacity is a power of two and at most 3/4 full, so every probe
 * sequence reaches an empty slot (key NULL) and lookups terminate.
 */
#include "pointer_map.h"

#include "memory.h"

#include <stdlib.h>

typedef struct {
  const void *key; /* NULL marks an empty slot */
  intptr_t value;
} esc_pointer_map_slot;

struct esc_pointer_map {
  esc_pointer_map_slot *slots;
  size_t capacity; /* a power of two */
  size_t count;
};

enum { ESC_POINTER_MAP_INITIAL_CAPACITY = 16 };

/* Mixes the address bits so that aligned pointers (low bits always zero) spread over the table. */
static size_t hash_pointer(const void *key) {
  uint64_t bits = (uint64_t)(uintptr_t)key;
  bits ^= bits >> 33;
  bits *= 0xff51afd7ed558ccdULL;
  bits ^= bits >> 33;
  return (size_t)bits;
}

/* The slot holding key, or the empty slot where it would go. */
static esc_pointer_map_slot *find_slot(esc_pointer_map_slot *slots, size_t capacity,
                                       const void *key) {
  size_t mask = capacity - 1;
  for (size_t index = hash_pointer(key) & mask;; index = (index + 1) & mask) {
    if (slots[index].key == key || slots[index].key == NULL)
      return &slots[index];
  }
}

static void grow(esc_pointer_map *map) {
  size_t new_capacity = map->capacity * 2;
  esc_pointer_map_slot *new_slots = esc_xcalloc(new_capacity, sizeof *new_slots);
  for (size_t index = 0; index < map->capacity; ++index) {
    if (map->slots[index].key)
      *find_slot(new_slots, new_capacity, map->slots[index].key) = map->slots[index];
  }
  free(map->slots);
  map->slots = new_slots;
  map->capacity = new_capacity;
}

esc_pointer_map *esc_pointer_map_new(void) {
  esc_pointer_map *map = esc_xcalloc(1, sizeof *map);
  map->capacity = ESC_POINTER_MAP_INITIAL_CAPACITY;
  map->slots = esc_xcalloc(map->capacity, sizeof *map->slots);
  return map;
}

void esc_pointer_map_free(esc_pointer_map *map) {
  if (!map)
    return;
  free(map->slots);
  free(map);
}

bool esc_pointer_map_get(const esc_pointer_map *map, const void *key, intptr_t *value) {
  if (!key)
    return false;
  const esc_pointer_map_slot *slot = find_slot(map->slots, map->capacity, key);
  if (!slot->key)
    return false;
  if (value)
    *value = slot->value;
  return true;
}

void esc_pointer_map_put(esc_pointer_map *map, const void *key, intptr_t value) {
  esc_pointer_map_slot *slot = find_slot(map->slots, map->capacity, key);
  if (!slot->key) {
    if ((map->count + 1) * 4 > map->capacity * 3) {
      grow(map);
      slot = find_slot(map->slots, map->capacity, key);
    }
    slot->key = key;
    ++map->count;
  }
  slot->value = value;
}

size_t esc_pointer_map_count(const esc_pointer_map *map) { return map->count; }

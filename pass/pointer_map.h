/*
 * pointer_map.h — a hash map from pointers (LLVMValueRef, LLVMMetadataRef, any object address)
 * to intptr_t values, which can also hold a pointer cast to intptr_t.
 *
 * Invariant: keys are compared by address only and are never dereferenced; NULL is not a valid
 * key. Each key maps to at most one value; put on an existing key replaces its value.
 */
#ifndef ESCC_POINTER_MAP_H
#define ESCC_POINTER_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct esc_pointer_map esc_pointer_map;

/* An empty map. Exits with "escc: error: out of memory" if memory runs out (as do all calls). */
esc_pointer_map *esc_pointer_map_new(void);
void esc_pointer_map_free(esc_pointer_map *map);

/* Whether key is present; if so and value is not NULL, stores its value there. */
bool esc_pointer_map_get(const esc_pointer_map *map, const void *key, intptr_t *value);

/* Map key (not NULL) to value, replacing any previous value. */
void esc_pointer_map_put(esc_pointer_map *map, const void *key, intptr_t value);

/* Number of keys present. */
size_t esc_pointer_map_count(const esc_pointer_map *map);

#endif /* ESCC_POINTER_MAP_H */

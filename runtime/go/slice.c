/* slice.c — append and copy. append grows a full slice exactly as gc 1.19's growslice does
 * (double below 256 elements, then by 1.25x plus 192, rounded up to gc's malloc size class), so
 * cap() prints what `go run` prints; the new array comes from esc_alloc.
 *
 * The _pointers entry points are the same code under a second name: the front end calls them
 * for element types that hold addresses and gives them other escc-leak tags (elements reach
 * the heap).
 *
 * Invariant: the elements are moved with memmove (append(s, s...) and overlapping copies are
 * well defined). */
#include "escgo.h"

#include "escrt.h"

#include <string.h>

/* gc's size classes (runtime/sizeclasses.go, Go 1.19) up to 32 KiB; larger sizes round up to
 * whole 8 KiB pages. */
static const uint32_t size_classes[] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,
    192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,
    640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,
    3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

static uint64_t round_up_size(uint64_t size) {
  if (size <= 32768) {
    for (size_t i = 0; i < sizeof size_classes / sizeof *size_classes; i++)
      if (size_classes[i] >= size)
        return size_classes[i];
  }
  return (size + 8191) / 8192 * 8192;
}

/* memmove that accepts the nil pointer of an empty slice (size 0). */
static void move_bytes(void *destination, const void *source, int64_t size) {
  if (size > 0)
    memmove(destination, source, (size_t)size);
}

static int64_t grown_capacity(int64_t old_capacity, int64_t needed, int64_t element_size) {
  int64_t capacity = old_capacity;
  int64_t doubled = capacity + capacity;
  if (needed > doubled) {
    capacity = needed;
  } else if (old_capacity < 256) {
    capacity = doubled;
  } else {
    while (0 < capacity && capacity < needed)
      capacity += (capacity + 3 * 256) / 4;
    if (capacity <= 0)
      capacity = needed;
  }
  if (element_size == 0)
    return capacity;
  return (int64_t)(round_up_size((uint64_t)(capacity * element_size)) / (uint64_t)element_size);
}

void *escgo_append(void *base, int64_t length, int64_t capacity, const void *source, int64_t count,
                   int64_t element_size, int64_t *new_capacity) {
  int64_t needed = length + count;
  char *array = base;
  if (needed > capacity) {
    capacity = grown_capacity(capacity, needed, element_size);
    array = esc_alloc((size_t)(capacity * element_size), 8);
    if (!array)
      escgo_fatal("runtime: out of memory");
    move_bytes(array, base, length * element_size);
  }
  move_bytes(array + length * element_size, source, count * element_size);
  *new_capacity = capacity;
  return array;
}

int64_t escgo_copy(void *destination, int64_t destination_length, const void *source,
                   int64_t source_length, int64_t element_size) {
  int64_t count = destination_length < source_length ? destination_length : source_length;
  move_bytes(destination, source, count * element_size);
  return count;
}

void *escgo_append_pointers(void *base, int64_t length, int64_t capacity, const void *source,
                            int64_t count, int64_t element_size, int64_t *new_capacity)
    __attribute__((alias("escgo_append")));
int64_t escgo_copy_pointers(void *destination, int64_t destination_length, const void *source,
                            int64_t source_length, int64_t element_size)
    __attribute__((alias("escgo_copy")));

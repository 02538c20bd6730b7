/* iface.c — interfaces at run time: finding a method in a type descriptor's table (sorted by
 * name, written by frontend/go/interface.go), testing whether a type has an interface's
 * methods (type switches, assertions to interfaces) and comparing two interface values.
 *
 * Invariant: descriptors are read-only constants; nothing here allocates. */
#include "escgo.h"

#include <string.h>

typedef struct {
  int64_t count;
  const char *names[];
} interface_descriptor;

void *escgo_iface_method(const escgo_type *type, const char *name) {
  if (!type)
    escgo_fatal("runtime error: invalid memory address or nil pointer dereference");
  int64_t low = 0, high = type->method_count;
  while (low < high) {
    int64_t middle = (low + high) / 2;
    int order = strcmp(type->methods[middle].name, name);
    if (order == 0)
      return type->methods[middle].code;
    if (order < 0)
      low = middle + 1;
    else
      high = middle;
  }
  return NULL;
}

int64_t escgo_iface_implements(const escgo_type *type, const void *descriptor) {
  const interface_descriptor *wanted = descriptor;
  if (!type)
    return 0;
  for (int64_t i = 0; i < wanted->count; i++)
    if (!escgo_iface_method(type, wanted->names[i]))
      return 0;
  return 1;
}

int64_t escgo_iface_equal(const escgo_type *x_type, const void *x_data, const escgo_type *y_type,
                          const void *y_data) {
  if (x_type != y_type)
    return 0;
  if (!x_type)
    return 1;
  switch (x_type->kind) {
  case ESCGO_POINTER:
    return x_data == y_data;
  case ESCGO_STRING: {
    const escgo_string *x = x_data, *y = y_data;
    return escgo_string_compare(x->data, x->length, y->data, y->length) == 0;
  }
  default:
    return memcmp(x_data, y_data, (size_t)x_type->size) == 0;
  }
}

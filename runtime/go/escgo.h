/* escgo.h — the C half of the Go front end's runtime (libescgo.a): the functions lowered Go
 * code calls for printing, panics, strings, slices, interfaces, maps, channels and goroutines.
 * frontend/go/runtime.go is the Go-side twin of this list and gives each pointer parameter its
 * "escc-leak" tag; keep both in step.
 *
 * Invariant: memory the runtime allocates for Go values (grown slices, long strings, map
 * entries, channels, goroutine arguments) comes from escrt's esc_alloc, so the collector frees
 * it and scans it; Go booleans cross as int64_t. */
#ifndef ESCGO_H
#define ESCGO_H

#include <stdint.h>

/* A type descriptor as the front end emits it (frontend/go/interface.go). */
typedef struct {
  const char *name;
  void *code;
} escgo_method;

typedef struct {
  const char *name;
  int64_t kind, size, method_count;
  const escgo_method *methods;
} escgo_type;

enum { ESCGO_OTHER, ESCGO_BOOL, ESCGO_INT, ESCGO_UINT, ESCGO_FLOAT, ESCGO_STRING, ESCGO_POINTER };

/* A Go string as its two words. */
typedef struct {
  const char *data;
  int64_t length;
} escgo_string;

/* print.c */
void escgo_printlock(void);
void escgo_printunlock(void);
void escgo_printbool(int64_t value);
void escgo_printint(int64_t value);
void escgo_printuint(int64_t value);
void escgo_printfloat(double value);
void escgo_printstring(const char *data, int64_t length);
void escgo_printpointer(const void *pointer);
void escgo_printslice(const void *data, int64_t length, int64_t capacity);
void escgo_printiface(const void *type, const void *data);
void escgo_printsp(void);
void escgo_printnl(void);

/* panic.c */
_Noreturn void escgo_panic(const escgo_type *type, const void *data);
_Noreturn void escgo_panic_index(int64_t index, int64_t length);
_Noreturn void escgo_panic_divide(void);
_Noreturn void escgo_panic_convert(int64_t length, int64_t array_length);
_Noreturn void escgo_panic_assert(const escgo_type *have, const void *want);
_Noreturn void escgo_fatal(const char *message);
void escgo_check_slice(int64_t low, int64_t high, int64_t max, int64_t capacity);

/* string.c */
char *escgo_string_concat(char *buffer, const char *x, int64_t x_length, const char *y,
                          int64_t y_length);
int64_t escgo_string_compare(const char *x, int64_t x_length, const char *y, int64_t y_length);
char *escgo_string_from_bytes(char *buffer, const char *bytes, int64_t length);
char *escgo_bytes_from_string(char *buffer, const char *data, int64_t length);
int64_t escgo_encode_rune(char *buffer, int64_t rune);
int64_t escgo_string_next(const char *data, int64_t length, int64_t offset, int32_t *rune);
int64_t escgo_rune_count(const char *data, int64_t length);
int32_t *escgo_runes_from_string(int32_t *buffer, const char *data, int64_t length, int64_t count);
int64_t escgo_runes_byte_length(const int32_t *runes, int64_t count);
char *escgo_string_from_runes(char *buffer, const int32_t *runes, int64_t count, int64_t length);

/* slice.c */
void *escgo_append(void *base, int64_t length, int64_t capacity, const void *source, int64_t count,
                   int64_t element_size, int64_t *new_capacity);
int64_t escgo_copy(void *destination, int64_t destination_length, const void *source,
                   int64_t source_length, int64_t element_size);

/* iface.c */
void *escgo_iface_method(const escgo_type *type, const char *name);
int64_t escgo_iface_implements(const escgo_type *type, const void *interface_descriptor);
int64_t escgo_iface_equal(const escgo_type *x_type, const void *x_data, const escgo_type *y_type,
                          const void *y_data);

/* map.c */
void escgo_map_init(void *header, int64_t key_size, int64_t value_size, int64_t key_kind);
int64_t escgo_map_len(void *map);
int64_t escgo_map_lookup(void *map, const void *key, void *value_out);
void escgo_map_assign(void *map, const void *key, const void *value);
void escgo_map_delete(void *map, const void *key);
void escgo_map_iter_init(void *map, void *iterator);
int64_t escgo_map_next(void *iterator, void *key_out, void *value_out);

/* chan.c */
void *escgo_chan_make(int64_t element_size, int64_t capacity);
void escgo_chan_send(void *channel, const void *value);
int64_t escgo_chan_recv(void *channel, void *value_out);
void escgo_chan_close(void *channel);
int64_t escgo_chan_len(void *channel);
int64_t escgo_chan_cap(void *channel);

/* defer.c */
void escgo_defer_push(void *head, void (*trampoline)(void *), const void *arguments, int64_t size);
void escgo_defer_run(void *head);

/* goroutine.c */
void escgo_go(void (*trampoline)(void *), const void *arguments, int64_t size);

#endif /* ESCGO_H */

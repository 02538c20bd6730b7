/* defer.c — the defer list of a function with a defer statement inside a loop (open-coded
 * defers cover the others; frontend/go/defer.go): each executed defer pushes a record holding
 * a copy of the call's operands and the trampoline that makes the call; at return the records
 * run last-pushed first.
 *
 * Invariant: the list head is a slot in the deferring function's frame, so the records stay
 * reachable (the collector scans stacks) until they have run. */
#include "escgo.h"

#include "escrt.h"

#include <string.h>

typedef struct defer_record {
  struct defer_record *next;
  void (*trampoline)(void *);
  _Alignas(16) unsigned char arguments[];
} defer_record;

void escgo_defer_push(void *head, void (*trampoline)(void *), const void *arguments, int64_t size) {
  defer_record *record = esc_alloc(sizeof(defer_record) + (size_t)size, 16);
  if (!record)
    escgo_fatal("runtime: out of memory");
  record->trampoline = trampoline;
  memcpy(record->arguments, arguments, (size_t)size);
  record->next = *(defer_record **)head;
  *(defer_record **)head = record;
}

void escgo_defer_run(void *head) {
  defer_record **list = head;
  while (*list) {
    defer_record *record = *list;
    *list = record->next;
    record->trampoline(record->arguments);
  }
}

/* panic.c — how a lowered Go program stops: panic(v) and the run-time errors gc's runtime
 * raises (index out of range, bad slice bounds, a slice too short for an array pointer,
 * integer division by zero, failed type assertions), each printed as `panic: ...` on standard error
 * with gc's wording, then exit status 2 as a Go program's. There is no recover and no stack trace,
 * and deferred calls do not run (docs/go.md).
 *
 * Invariant: every function here except escgo_check_slice ends the process. */
#include "escgo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Noreturn void escgo_fatal(const char *message) {
  fprintf(stderr, "panic: %s\n\ngoroutine 1 [running]:\n\t(escc-go prints no stack trace)\n",
          message);
  fflush(stderr);
  _exit(2);
}

typedef escgo_string (*error_method)(const void *receiver);

_Noreturn void escgo_panic(const escgo_type *type, const void *data) {
  char message[4096];
  if (!type) {
    escgo_fatal("panic called with nil argument (use runtime.PanicNilError)");
  }
  const escgo_string *text = data;
  switch (type->kind) {
  case ESCGO_STRING:
    if (!strcmp(type->name, "string"))
      snprintf(message, sizeof message, "%.*s", (int)text->length, text->data);
    else
      snprintf(message, sizeof message, "%s(\"%.*s\")", type->name, (int)text->length, text->data);
    break;
  case ESCGO_INT:
    snprintf(message, sizeof message, "%lld", (long long)*(const int64_t *)data);
    break;
  default: {
    void *error = escgo_iface_method(type, "Error");
    if (error) {
      escgo_string said = ((error_method)error)(data);
      snprintf(message, sizeof message, "%.*s", (int)said.length, said.data);
    } else {
      snprintf(message, sizeof message, "(%s) %p", type->name, data);
    }
  }
  }
  escgo_fatal(message);
}

_Noreturn void escgo_panic_index(int64_t index, int64_t length) {
  char message[128];
  snprintf(message, sizeof message, "runtime error: index out of range [%lld] with length %lld",
           (long long)index, (long long)length);
  escgo_fatal(message);
}

_Noreturn void escgo_panic_convert(int64_t length, int64_t array_length) {
  char message[160];
  snprintf(message, sizeof message,
           "runtime error: cannot convert slice with length %lld to pointer to array with "
           "length %lld",
           (long long)length, (long long)array_length);
  escgo_fatal(message);
}

_Noreturn void escgo_panic_divide(void) { escgo_fatal("runtime error: integer divide by zero"); }

_Noreturn void escgo_panic_assert(const escgo_type *have, const void *want) {
  char message[512];
  (void)want;
  snprintf(message, sizeof message, "interface conversion: interface is %s, not the asserted type",
           have ? have->name : "nil");
  escgo_fatal(message);
}

void escgo_check_slice(int64_t low, int64_t high, int64_t max, int64_t capacity) {
  if (0 <= low && low <= high && high <= max && max <= capacity)
    return;
  char message[160];
  snprintf(message, sizeof message, "runtime error: slice bounds out of range [%lld:%lld]",
           (long long)low, (long long)high);
  escgo_fatal(message);
}

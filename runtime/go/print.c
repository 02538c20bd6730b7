/* print.c — Go's print and println builtins, formatted exactly as gc's runtime formats them
 * (runtime/print.go: floats as +1.500000e+000, pointers in hex, slices as [len/cap]0x...),
 * written to standard error. A line is collected between escgo_printlock and
 * escgo_printunlock and written with one write(2), so goroutines' lines never interleave.
 *
 * Invariant: the lock is held exactly while one print/println statement runs. */
#include "escgo.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t print_mutex = PTHREAD_MUTEX_INITIALIZER;
static char line[4096];
static size_t used;

static void flush_line(void) {
  size_t done = 0;
  while (done < used) {
    ssize_t written = write(STDERR_FILENO, line + done, used - done);
    if (written <= 0)
      break;
    done += (size_t)written;
  }
  used = 0;
}

static void put(const char *bytes, size_t length) {
  while (length > 0) {
    if (used == sizeof line)
      flush_line();
    size_t chunk = sizeof line - used < length ? sizeof line - used : length;
    memcpy(line + used, bytes, chunk);
    used += chunk;
    bytes += chunk;
    length -= chunk;
  }
}

static void put_text(const char *text) { put(text, strlen(text)); }

void escgo_printlock(void) { pthread_mutex_lock(&print_mutex); }

void escgo_printunlock(void) {
  flush_line();
  pthread_mutex_unlock(&print_mutex);
}

void escgo_printbool(int64_t value) { put_text(value ? "true" : "false"); }

void escgo_printint(int64_t value) {
  char text[32];
  snprintf(text, sizeof text, "%lld", (long long)value);
  put_text(text);
}

void escgo_printuint(int64_t value) {
  char text[32];
  snprintf(text, sizeof text, "%llu", (unsigned long long)value);
  put_text(text);
}

/* runtime.printfloat: 7 significant digits, sign always, three-digit exponent. */
void escgo_printfloat(double v) {
  if (v != v) {
    put_text("NaN");
    return;
  }
  if (v + v == v && v > 0) {
    put_text("+Inf");
    return;
  }
  if (v + v == v && v < 0) {
    put_text("-Inf");
    return;
  }
  enum { DIGITS = 7 };
  char buf[DIGITS + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (1 / v < 0)
      buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      e++;
      v /= 10;
    }
    while (v < 1) {
      e--;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < DIGITS; i++)
      h /= 10;
    v += h;
    if (v >= 10) {
      e++;
      v /= 10;
    }
  }
  for (int i = 0; i < DIGITS; i++) {
    int s = (int)v;
    buf[i + 2] = (char)(s + '0');
    v -= s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[DIGITS + 2] = 'e';
  buf[DIGITS + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[DIGITS + 3] = '-';
  }
  buf[DIGITS + 4] = (char)(e / 100 + '0');
  buf[DIGITS + 5] = (char)(e / 10 % 10 + '0');
  buf[DIGITS + 6] = (char)(e % 10 + '0');
  put(buf, sizeof buf);
}

void escgo_printstring(const char *data, int64_t length) { put(data, (size_t)length); }

void escgo_printpointer(const void *pointer) {
  char text[32];
  snprintf(text, sizeof text, "0x%llx", (unsigned long long)(uintptr_t)pointer);
  put_text(text);
}

void escgo_printslice(const void *data, int64_t length, int64_t capacity) {
  char text[64];
  snprintf(text, sizeof text, "[%lld/%lld]", (long long)length, (long long)capacity);
  put_text(text);
  escgo_printpointer(data);
}

void escgo_printiface(const void *type, const void *data) {
  put_text("(");
  escgo_printpointer(type);
  put_text(",");
  escgo_printpointer(data);
  put_text(")");
}

void escgo_printsp(void) { put_text(" "); }

void escgo_printnl(void) { put_text("\n"); }

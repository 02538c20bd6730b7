/* proc_maps.c — the bounds of the mapping that contains an address, read from /proc/self/maps.
 *
 * The collector needs them where nothing else tells where memory ends: the top of the main
 * thread's stack mapping (argv, envp and the auxiliary vector lie above __libc_stack_end), the
 * low end of a stack the thread is not running on, and the end of a foreign stack (makecontext,
 * sigaltstack) that lives in mmap'ed memory. Reads use open/read into a static buffer: no malloc
 * (the caller may hold the allocator lock) and no stdio.
 *
 * Invariant: called only with the allocator lock held (the buffer is shared), or before any
 * other thread exists. */
#include "internal.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Longer than any line: an address range, flags and a path of at most PATH_MAX (4096) bytes. */
static char buffer[8192];

/* Parses "LO-HI " at the start of LINE (hexadecimal); false if it is not there. */
static bool parse_range(const char *line, const char *end, uintptr_t *lo, uintptr_t *hi) {
  uintptr_t *field = lo;
  *lo = *hi = 0;
  for (const char *c = line; c < end; c++) {
    unsigned digit;
    if (*c >= '0' && *c <= '9')
      digit = (unsigned)(*c - '0');
    else if (*c >= 'a' && *c <= 'f')
      digit = (unsigned)(*c - 'a' + 10);
    else if (*c == '-' && field == lo)
      field = hi, digit = 16;
    else
      return field == hi && *c == ' ';
    if (digit < 16)
      *field = *field * 16 + digit;
  }
  return false;
}

bool esc_mapping_containing(const void *address, char **lo, char **hi) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool found = false;
  size_t kept = 0; /* bytes of an unfinished line at the start of the buffer */
  for (;;) {
    ssize_t got = read(fd, buffer + kept, sizeof buffer - kept);
    if (got <= 0)
      break;
    char *end = buffer + kept + got, *line = buffer;
    for (char *newline; (newline = memchr(line, '\n', (size_t)(end - line))); line = newline + 1) {
      uintptr_t from, to;
      if (parse_range(line, newline, &from, &to) && (uintptr_t)address - from < to - from) {
        *lo = (char *)from;
        *hi = (char *)to;
        found = true;
        break;
      }
    }
    if (found)
      break;
    kept = (size_t)(end - line);
    memmove(buffer, line, kept);
  }
  close(fd);
  return found;
}

/* proc_maps.c — the program's mappings as /proc/self/maps lists them: bounds and flags.
 *
 * The collector needs them where nothing else tells where memory ends: the top of the main
 * thread's stack mapping (argv, envp and the auxiliary vector lie above __libc_stack_end), the
 * low end of a stack the thread is not running on, and the end of a foreign stack (makecontext,
 * sigaltstack) that lives in mmap'ed memory; which parts of the anonymous memory the program
 * mapped are still mapped readable (mapped_roots.c). Reads use open/read into a static buffer: no
 * malloc (the caller may hold the allocator lock) and no stdio.
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

void esc_mappings_for_each(bool (*visit)(char *lo, char *hi, const char *flags, void *context),
                           void *context) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  size_t kept = 0; /* bytes of an unfinished line at the start of the buffer */
  bool more = true;
  while (more) {
    ssize_t got = read(fd, buffer + kept, sizeof buffer - kept);
    if (got <= 0)
      break;
    char *end = buffer + kept + got, *line = buffer;
    for (char *newline; more && (newline = memchr(line, '\n', (size_t)(end - line)));
         line = newline + 1) {
      uintptr_t lo, hi;
      const char *flags = memchr(line, ' ', (size_t)(newline - line));
      if (flags && newline - flags > 4 && parse_range(line, newline, &lo, &hi))
        more = visit((char *)lo, (char *)hi, flags + 1, context);
    }
    kept = (size_t)(end - line);
    memmove(buffer, line, kept);
  }
  close(fd);
}

struct containing {
  const void *address;
  char *lo, *hi;
};

static bool find_containing(char *lo, char *hi, const char *flags, void *context) {
  (void)flags;
  struct containing *query = context;
  if ((uintptr_t)query->address - (uintptr_t)lo >= (uintptr_t)(hi - lo))
    return true;
  query->lo = lo;
  query->hi = hi;
  return false;
}

bool esc_mapping_containing(const void *address, char **lo, char **hi) {
  struct containing query = {address, NULL, NULL};
  esc_mappings_for_each(find_containing, &query);
  *lo = query.lo;
  *hi = query.hi;
  return query.hi != NULL;
}

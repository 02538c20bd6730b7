/* cache_thrash.c — the background load of `bench/gc/run.sh ... loaded`: one thread that writes
 * one byte of every 64-byte line of a 64 MiB buffer (twice the 32 MiB last-level cache of the
 * machine the figures in docs/performance.md come from), round and round, until killed. It keeps
 * one core busy and evicts the benchmark's data from the shared cache, as other processes on a
 * busy host do. */
#include <stdlib.h>

#define BUFFER_BYTES ((size_t)64 << 20)
#define LINE_BYTES 64

int main(void) {
  volatile unsigned char *buffer = calloc(BUFFER_BYTES, 1);
  if (!buffer)
    return 1;
  for (unsigned char round = 0;; round++)
    for (size_t i = 0; i < BUFFER_BYTES; i += LINE_BYTES)
      buffer[i] = round;
}

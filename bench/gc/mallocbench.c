/* mallocbench.c — a malloc-heavy workload: a working set of 8192 blocks, 16 to 512 bytes (1 in 64
 * up to 16 KiB), replaced at random by malloc/free, with some realloc and calloc. Linked plain it
 * measures glibc's malloc; linked with libescrt.a it measures escrt's interposed malloc. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 8192
#define STEPS 20000000

int main(void) {
  static char *slots[SLOTS];
  uint64_t seed = 88172645463325252u, checksum = 0;
  for (long step = 0; step < STEPS; step++) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    unsigned slot = (unsigned)(seed % SLOTS);
    size_t size = 16 + (seed >> 20) % 497;
    if ((seed >> 40) % 64 == 0)
      size = 512 + (seed >> 24) % 16384;
    if (slots[slot])
      checksum += (unsigned char)slots[slot][0];
    switch ((seed >> 50) % 8) {
    case 0:
      slots[slot] = realloc(slots[slot], size);
      break;
    case 1:
      free(slots[slot]);
      slots[slot] = calloc(1, size);
      break;
    default:
      free(slots[slot]);
      slots[slot] = malloc(size);
      break;
    }
    if (!slots[slot])
      return 1;
    slots[slot][0] = (char)step;
    slots[slot][size - 1] = 1;
  }
  for (unsigned i = 0; i < SLOTS; i++)
    free(slots[i]);
  printf("mallocbench ok %llu\n", (unsigned long long)checksum);
  return 0;
}

/* workload.c — the program bench/audit/run.sh times with and without escc's audit: calls that
 * promote a variable whose address is kept in a global ring (it outlives its frame), calls
 * whose variable is promoted only because its address goes through a function pointer (it
 * never does), and plain arithmetic between them. ROUNDS calls of each kind. */
#include <stdio.h>
#include <stdlib.h>

enum { RING = 64 };

struct sample {
  long value;
  long weight;
};

static struct sample *ring[RING];

static void keep(long i) {
  struct sample sample = {i, i % 7};
  ring[i % RING] = &sample; /* stored to a global: promoted, and outlives the frame */
}

static void square(long *x) { *x = *x * *x % 1000003; }

static long through(void (*callback)(long *), long i) {
  long x = i; /* passed to an indirect call: promoted, but never outlives the frame */
  callback(&x);
  return x;
}

int main(int argc, char **argv) {
  long rounds = argc > 1 ? atol(argv[1]) : 200000;
  long total = 0;
  for (long i = 0; i < rounds; i++) {
    keep(i);
    total += through(square, i);
    total ^= total << 3;
  }
  long kept = 0;
  for (int i = 0; i < RING; i++)
    kept += ring[i] ? ring[i]->weight : 0;
  printf("%ld %ld\n", total, kept);
  return 0;
}

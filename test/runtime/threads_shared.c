// Four threads allocate list nodes and mutate a shared table of lists (under a mutex) while
// collections run; a shadow table of sums checks that no live node was freed or overwritten.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=7 %t | FileCheck %s
// RUN: %t | FileCheck %s
// CHECK: threads ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>

#define THREADS 4
#define BUCKETS 16
#define STEPS 3000

struct node {
  struct node *next;
  long value;
  char padding[40];
};

static struct node *table[BUCKETS];
static long shadow_sum[BUCKETS];
static long shadow_count[BUCKETS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  unsigned seed = (unsigned)(uintptr_t)arg * 7919u + 1;
  for (int step = 0; step < STEPS; step++) {
    seed = seed * 1103515245u + 12345u;
    unsigned bucket = (seed >> 8) % BUCKETS;
    struct node *n = esc_alloc(sizeof *n, 0);
    n->value = (long)(seed >> 4) % 1000;
    esc_alloc(24, 0); /* garbage between the allocation and its publication */
    pthread_mutex_lock(&table_lock);
    if ((seed >> 20) % 4 == 0 && table[bucket]) { /* drop the head */
      shadow_sum[bucket] -= table[bucket]->value;
      shadow_count[bucket]--;
      table[bucket] = table[bucket]->next;
    }
    n->next = table[bucket];
    table[bucket] = n;
    shadow_sum[bucket] += n->value;
    shadow_count[bucket]++;
    pthread_mutex_unlock(&table_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, worker, (void *)(uintptr_t)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);
  esc_collect();
  churn("threads", 0, sizeof(struct node), 2000);
  for (int b = 0; b < BUCKETS; b++) {
    long sum = 0, count = 0;
    for (struct node *n = table[b]; n; n = n->next) {
      sum += n->value;
      count++;
    }
    if (sum != shadow_sum[b] || count != shadow_count[b]) {
      printf("FAIL: bucket %d: %ld/%ld nodes, sum %ld/%ld\n", b, count, shadow_count[b], sum,
             shadow_sum[b]);
      return 1;
    }
  }
  printf("threads ok\n");
  return 0;
}

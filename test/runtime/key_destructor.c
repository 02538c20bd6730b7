// A pthread key destructor runs as its thread exits and may use the collectable object it is
// given (the key's value), so the thread's stack must still be scanned while it runs: the main
// thread collects and reuses memory while the destructor waits, then the destructor checks it.
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: destructor saw its object intact
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <semaphore.h>

static pthread_key_t key;
static sem_t in_destructor, collected;
static int intact;

static void destroy(void *value) {
  sem_post(&in_destructor);
  sem_wait(&collected); /* the value is only in this frame and its registers now */
  const unsigned char *bytes = value;
  intact = 1;
  for (int i = 0; i < 64; i++)
    intact &= bytes[i] == (unsigned char)(11 + i * 7);
}

static void *worker(void *arg) {
  (void)arg;
  void *object = esc_alloc(64, 0);
  fill(object, 64, 11);
  pthread_setspecific(key, object);
  return NULL;
}

int main(void) {
  sem_init(&in_destructor, 0, 0);
  sem_init(&collected, 0, 0);
  pthread_key_create(&key, destroy);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  sem_wait(&in_destructor);
  esc_collect();
  churn("key value", 0, 64, 3000);
  esc_collect();
  churn("key value", 0, 64, 3000);
  sem_post(&collected);
  pthread_join(thread, NULL);
  printf("%s\n", intact ? "destructor saw its object intact" : "FAIL: destructor's object freed");
  return 0;
}

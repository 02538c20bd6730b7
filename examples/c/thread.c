/* thread.c — a thread argument: the address of a local handed to pthread_create may be used by
 * the other thread after this frame is gone, so `job` moves to the heap. */
#include <pthread.h>
#include <stdio.h>

struct job {
  int input;
  int output;
};

static void *work(void *argument) {
  struct job *job = argument;
  job->output = job->input * 2;
  return job;
}

static pthread_t start_job(int input) {
  struct job job = {input, 0};
  pthread_t thread;
  pthread_create(&thread, NULL, work, &job);
  return thread; /* returns while the thread may still use `job` */
}

int main(void) {
  pthread_t thread = start_job(21);
  void *result;
  pthread_join(thread, &result);
  printf("%d\n", ((struct job *)result)->output);
  return 0;
}

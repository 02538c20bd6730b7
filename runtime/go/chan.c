/* chan.c — Go channels: a ring buffer of max(cap, 1) slots under one mutex and one condition
 * variable, all in one esc_alloc'd block. An unbuffered channel (cap 0) is a one-slot buffer
 * whose sender also waits until its value has been received, which is Go's rendezvous.
 *
 * Not detected: deadlock (Go prints "all goroutines are asleep"; here the program waits).
 * Invariant: count is the number of values in the buffer; sent/received count values ever
 * put in and taken out, so a sender knows when its own value has been taken. */
#include "escgo.h"

#include "escrt.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t changed;
  int64_t element_size, capacity, slots, count, head, closed, sent, received;
  _Alignas(16) unsigned char buffer[];
} channel;

void *escgo_chan_make(int64_t element_size, int64_t capacity) {
  if (capacity < 0)
    escgo_fatal("makechan: size out of range");
  int64_t slots = capacity ? capacity : 1;
  channel *c = esc_alloc(sizeof(channel) + (size_t)(slots * element_size), 16);
  if (!c)
    escgo_fatal("runtime: out of memory");
  pthread_mutex_init(&c->mutex, NULL);
  pthread_cond_init(&c->changed, NULL);
  c->element_size = element_size;
  c->capacity = capacity;
  c->slots = slots;
  return c;
}

/* A nil channel blocks for ever. */
static void block_forever(void) {
  for (;;)
    pause();
}

void escgo_chan_send(void *handle, const void *value) {
  channel *c = handle;
  if (!c)
    block_forever();
  pthread_mutex_lock(&c->mutex);
  while (!c->closed && c->count == c->slots)
    pthread_cond_wait(&c->changed, &c->mutex);
  if (c->closed) {
    pthread_mutex_unlock(&c->mutex);
    escgo_fatal("send on closed channel");
  }
  memcpy(c->buffer + (c->head + c->count) % c->slots * c->element_size, value,
         (size_t)c->element_size);
  c->count++;
  int64_t ticket = ++c->sent;
  pthread_cond_broadcast(&c->changed);
  if (c->capacity == 0)
    while (c->received < ticket && !c->closed)
      pthread_cond_wait(&c->changed, &c->mutex);
  pthread_mutex_unlock(&c->mutex);
}

int64_t escgo_chan_recv(void *handle, void *value_out) {
  channel *c = handle;
  if (!c)
    block_forever();
  pthread_mutex_lock(&c->mutex);
  while (c->count == 0 && !c->closed)
    pthread_cond_wait(&c->changed, &c->mutex);
  if (c->count == 0) {
    pthread_mutex_unlock(&c->mutex);
    memset(value_out, 0, (size_t)c->element_size);
    return 0;
  }
  memcpy(value_out, c->buffer + c->head * c->element_size, (size_t)c->element_size);
  c->head = (c->head + 1) % c->slots;
  c->count--;
  c->received++;
  pthread_cond_broadcast(&c->changed);
  pthread_mutex_unlock(&c->mutex);
  return 1;
}

void escgo_chan_close(void *handle) {
  channel *c = handle;
  if (!c)
    escgo_fatal("close of nil channel");
  pthread_mutex_lock(&c->mutex);
  if (c->closed) {
    pthread_mutex_unlock(&c->mutex);
    escgo_fatal("close of closed channel");
  }
  c->closed = 1;
  pthread_cond_broadcast(&c->changed);
  pthread_mutex_unlock(&c->mutex);
}

int64_t escgo_chan_len(void *handle) {
  channel *c = handle;
  if (!c || c->capacity == 0)
    return 0;
  pthread_mutex_lock(&c->mutex);
  int64_t count = c->count;
  pthread_mutex_unlock(&c->mutex);
  return count;
}

int64_t escgo_chan_cap(void *handle) { return handle ? ((channel *)handle)->capacity : 0; }

// An address keeps its flow whatever type or width carries it: a <16 x i8> operand of an
// intrinsic that writes memory (SSE2 maskmov) and a whole pointer in a 48-bit bitfield
// reloaded as i48. Each variable must move to the heap and survive (address-in-gep-index.c
// has the third case, an address in a GEP index).
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %escc report %s 2>&1 | FileCheck %s --check-prefix=REPORT
#include "Inputs/dangling.h"
#include <emmintrin.h>
#include <stdint.h>
#include <stdio.h>

static long long slot[2] __attribute__((aligned(16)));

__attribute__((noinline)) static void keep_by_maskmov(void) {
  int masked = 42;
  __m128i bytes = _mm_set_epi64x(0, (long long)(intptr_t)&masked);
  _mm_maskmoveu_si128(bytes, _mm_set1_epi8((char)0x80), (char *)slot);
}
// REPORT-DAG: address-in-non-pointer.c:[[@LINE-4]]:7: moved to heap: masked

struct tagged {
  uintptr_t address : 48;
  char tag;
};
static int *from_bitfield;

__attribute__((noinline)) static void keep_by_bitfield(void) {
  int packed = 43;
  struct tagged t;
  t.address = (uintptr_t)&packed;
  t.tag = 1;
  from_bitfield = (int *)(uintptr_t)t.address;
}
// REPORT-DAG: address-in-non-pointer.c:[[@LINE-6]]:7: moved to heap: packed


int main(void) {
  keep_by_maskmov();
  keep_by_bitfield();
  clobber_stack();
  printf("%d %d\n", *(int *)(intptr_t)slot[0], *from_bitfield);
  // CHECK: 42 43
  return 0;
}

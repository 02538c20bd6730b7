// A short sample of the GC torture (scripts/torture/gc-torture.sh runs 10^7 operations in
// `make torture`): 8 threads mutate a random graph of collectable and malloc'ed nodes rooted in
// globals, __thread variables, stacks and collectable holders, checked against a shadow model the
// collector cannot see; once with a collection every 20 allocations, once with the thread caches
// on and frequent collections.
// UNSUPPORTED: sanitized
// RUN: %cc_escrt -O2 %srcroot/scripts/torture/gc_torture.c %escrt -o %t
// RUN: env ESC_GC_STRESS=20 %t 200000 8 2 7 | FileCheck %s
// RUN: env ESC_GC_PERCENT=5 %t 400000 8 2 8 | FileCheck %s
// CHECK: gc_torture: {{[0-9]+}} operations, 0 corruptions

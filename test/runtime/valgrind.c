// Programs using escrt run clean under Valgrind's memcheck, with the suppressions (and only
// those) of Inputs/escrt.supp: conservative scanning reads uninitialised words by design.
// somalloc=nouserintercepts keeps memcheck from replacing the malloc defined in the executable
// (escrt's), which would leave malloc'ed memory unscanned.
// UNSUPPORTED: sanitized
// (memcheck cannot run ASan-instrumented programs.)
// clang-format off
// RUN: %cc_escrt -gdwarf-4 -O1 %S/tls.c %escrt -o %t.tls
// RUN: env ESC_GC_STRESS=100 valgrind -q --error-exitcode=9 \
// RUN:   --soname-synonyms=somalloc=nouserintercepts --suppressions=%S/Inputs/escrt.supp \
// RUN:   %t.tls | FileCheck %S/tls.c
// RUN: %cc_escrt -gdwarf-4 -O1 %S/malloc_node.c %escrt -o %t.malloc
// RUN: env ESC_GC_STRESS=100 valgrind -q --error-exitcode=9 \
// RUN:   --soname-synonyms=somalloc=nouserintercepts --suppressions=%S/Inputs/escrt.supp \
// RUN:   %t.malloc | FileCheck %S/malloc_node.c
// CHECK: this file only drives the others
// clang-format on

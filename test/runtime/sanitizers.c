// The runtime built from source with ASan+UBSan (malloc interposition off: ASan owns malloc) runs
// the root tests that do not depend on malloc'ed memory being scanned, with ASan's stack
// use-after-return detection on (escrt's stack pointers must not be fake-stack addresses).
// Collections every 25+ allocations: each one scans ASan's large data segments.
// clang-format off
// RUN: rm -rf %t.d && mkdir -p %t.d && cd %t.d && %clang -O1 -g -pthread \
// RUN:   -fsanitize=address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE \
// RUN:   -DESCRT_NO_MALLOC_INTERPOSE -Wall -Wextra -Werror %escrt_inc %srcroot/runtime/*.c -c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/global.c %t.d/*.o \
// RUN:   -o %t.global && env ESC_GC_STRESS=25 %t.global | FileCheck %S/global.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/thread_stack.c \
// RUN:   %t.d/*.o -o %t.stack && env ESC_GC_STRESS=25 %t.stack | FileCheck %S/thread_stack.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/interior.c %t.d/*.o \
// RUN:   -o %t.interior && env ESC_GC_STRESS=25 %t.interior | FileCheck %S/interior.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/large.c %t.d/*.o \
// RUN:   -o %t.large && env ESC_GC_STRESS=1 %t.large | FileCheck %S/large.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/mark_overflow.c \
// RUN:   %t.d/*.o -o %t.overflow && env ESC_GC_MARK_STACK=4 ESC_GC_STRESS=997 %t.overflow \
// RUN:   | FileCheck %S/mark_overflow.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/threads_shared.c \
// RUN:   %t.d/*.o -o %t.threads && env ESC_GC_STRESS=101 %t.threads | FileCheck %S/threads_shared.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/thread_result.c \
// RUN:   %t.d/*.o -o %t.result && env ESC_GC_STRESS=25 %t.result | FileCheck %S/thread_result.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/blocked_signals.c \
// RUN:   %t.d/*.o -o %t.signals && env ESC_GC_STRESS=25 timeout 120 %t.signals \
// RUN:   | FileCheck %S/blocked_signals.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/tls.c %t.d/*.o \
// RUN:   -o %t.tls && env ESC_GC_STRESS=25 %t.tls | FileCheck %S/tls.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/fork.c %t.d/*.o \
// RUN:   -o %t.fork && env ESC_GC_STRESS=25 %t.fork | FileCheck %S/fork.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/c11_threads.c \
// RUN:   %t.d/*.o -o %t.c11 && env ESC_GC_STRESS=25 timeout 120 %t.c11 | FileCheck %S/c11_threads.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/alternate_stacks.c \
// RUN:   %t.d/*.o -o %t.alternate && env ESC_GC_STRESS=25 timeout 120 %t.alternate \
// RUN:   | FileCheck %S/alternate_stacks.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/main_thread_roots.c \
// RUN:   %t.d/*.o -o %t.main && env ESC_GC_STRESS=25 %t.main argument \
// RUN:   | FileCheck %S/main_thread_roots.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/mapped_memory.c \
// RUN:   %t.d/*.o -o %t.mapped && env ESC_GC_STRESS=25 %t.mapped | FileCheck %S/mapped_memory.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/exiting_threads.c \
// RUN:   %t.d/*.o -o %t.exiting && env ESC_GC_STRESS=25 timeout 60 %t.exiting \
// RUN:   | FileCheck %S/exiting_threads.c
// RUN: %clang -O1 -g -pthread -fsanitize=address,undefined %escrt_inc %S/kernel_roots.c \
// RUN:   %t.d/*.o -o %t.kernel && env ESC_GC_STRESS=25 %t.kernel | FileCheck %S/kernel_roots.c
// CHECK: this file only drives the others
// clang-format on

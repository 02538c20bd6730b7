; Pass-through: a GEP points into the same object, so storing a field's or element's
; address in a global moves the whole local (field-insensitive). A GEP only used for loads
; and stores keeps its local on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "passthrough-gep.c"
@g = global ptr null

define i32 @f(i64 %i) {
  %s = alloca { i32, i32 }
  %arr = alloca [10 x i32]
  %kept = alloca [10 x i32]
  %field = getelementptr inbounds { i32, i32 }, ptr %s, i64 0, i32 1
  store ptr %field, ptr @g
  %elem = getelementptr inbounds [10 x i32], ptr %arr, i64 0, i64 %i
  %again = getelementptr inbounds i32, ptr %elem, i64 1
  store ptr %again, ptr @g
  %local = getelementptr inbounds [10 x i32], ptr %kept, i64 0, i64 %i
  store i32 3, ptr %local
  %v = load i32, ptr %local
  ret i32 %v
}

; CHECK-DAG: f:     from getelementptr %field (copy)
; CHECK-DAG: f: moved to heap: %s
; CHECK-DAG: f:     from getelementptr %again (copy)
; CHECK-DAG: f: moved to heap: %arr

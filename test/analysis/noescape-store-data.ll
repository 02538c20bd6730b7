; Non-escape rule: storing non-address data *into* a local (through a GEP into an array or
; struct field too) is no flow of the local's address. And storing a global's address
; into a local does not make the local escape.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-store-data.c"
@g = global ptr null
@table = global [4 x i32] zeroinitializer

define i32 @f(i32 %n) {
  %arr = alloca [8 x i32]
  %rec = alloca { i32, double, ptr }
  %c = alloca i32
  %slot = getelementptr inbounds [8 x i32], ptr %arr, i64 0, i64 3
  store i32 %n, ptr %slot
  %field = getelementptr inbounds { i32, double, ptr }, ptr %rec, i64 0, i32 1
  store double 2.0, ptr %field
  %pfield = getelementptr inbounds { i32, double, ptr }, ptr %rec, i64 0, i32 2
  store ptr @table, ptr %pfield
  store ptr %c, ptr @g
  %v = load i32, ptr %slot
  ret i32 %v
}

; CHECK-NOT: moved to heap: %arr
; CHECK-NOT: moved to heap: %rec
; CHECK: f: moved to heap: %c

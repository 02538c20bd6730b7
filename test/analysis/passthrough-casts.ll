; Pass-through: addrspacecast (and, as a constant-free instruction, a bitcast of a pointer
; to a vector and back) keep the address: storing the cast in a global moves the local.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "passthrough-casts.c"
@g = global ptr null
@g1 = addrspace(1) global ptr addrspace(1) null
@gv = global <1 x ptr> zeroinitializer

define void @f() {
  %a = alloca i32
  %b = alloca i32
  %kept = alloca i32
  %cast = addrspacecast ptr %a to ptr addrspace(1)
  store ptr addrspace(1) %cast, ptr addrspace(1) @g1
  %vec = bitcast ptr %b to <1 x ptr>
  %back = bitcast <1 x ptr> %vec to <1 x ptr>
  store <1 x ptr> %back, ptr @gv
  %kc = addrspacecast ptr %kept to ptr addrspace(1)
  store i32 0, ptr addrspace(1) %kc
  ret void
}

; CHECK-DAG: f: moved to heap: %a
; CHECK-DAG: f:     from conversion %cast (copy)
; CHECK-DAG: f: moved to heap: %b

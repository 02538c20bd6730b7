; Without debug info and without a source_filename line, the module's name is the path
; opt was given, so places read "<path>/no-source-filename.ll:<function>:".
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

@g = global ptr null

define void @f() {
  %x = alloca i32
  store ptr %x, ptr @g
  ret void
}

; CHECK: {{.*}}no-source-filename.ll:f: moved to heap: %x

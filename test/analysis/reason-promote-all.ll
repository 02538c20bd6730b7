; Reason promote-all: with the `promote-all` option (print<escape><promote-all>, escape-promote<promote-all>) every
; address-taken alloca is decided heap even though it does not escape; an alloca used only
; as the address of plain loads and stores is not address-taken and stays.
; RUN: %opt %loadplugin -passes='print<escape><promote-all>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=NORMAL --allow-empty --implicit-check-not='moved to heap'
; RUN: not %opt %loadplugin -passes='print<escape><bogus>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=BAD

; CHECK: reason-promote-all.ll:f: moved to heap: %compared
; NORMAL-NOT: moved to heap
; BAD: print<escape>: error: unknown parameter 'bogus'

source_filename = "reason-promote-all.ll"

define i32 @f() {
  %compared = alloca i32
  %plain = alloca i32
  store i32 1, ptr %plain
  %is_null = icmp eq ptr %compared, null
  %value = load i32, ptr %plain
  ret i32 %value
}

; Module flag escc.integers-carry-no-addresses (Go without unsafe): integer values hold no
; address, so reading an int field through a parameter and storing it in a global leaks
; nothing, as gc says. Without the flag (C) the 64-bit load may carry an address and p's
; content leaks.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=GO
; RUN: grep -v 'escc.integers-carry-no-addresses' %s | sed 's/!{!2, !3, !4}/!{!2, !3}/' > %t.c.ll
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.c.ll 2>&1 | FileCheck %s --check-prefix=C
;
; package p
; type T struct { next *T; n int }
; var total int
; func f(p *T) { total += p.n }  // 4
; GO: p.go:4:8: p does not escape
; C: p.go:4:8: leaking param content: p
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%T = type { ptr, i64 }
@p.total = global i64 0

define void @p.f(ptr %p) !dbg !10 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !20, metadata !DIExpression()), !dbg !30
  %p1 = load ptr, ptr %p.addr, align 8
  %field = getelementptr inbounds %T, ptr %p1, i32 0, i32 1
  %n = load i64, ptr %field, align 8
  %old = load i64, ptr @p.total, align 8
  %sum = add i64 %old, %n
  store i64 %sum, ptr @p.total, align 8
  ret void
}

declare void @llvm.dbg.declare(metadata, metadata, metadata)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "p.go", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!6 = !DIBasicType(name: "T", size: 128, encoding: DW_ATE_signed)
!7 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "*T", baseType: !6, size: 64)
!10 = distinct !DISubprogram(name: "p.f", linkageName: "p.f", scope: !1, file: !1, line: 4, type: !11, scopeLine: 4, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{null, !7}
!20 = !DILocalVariable(name: "p", arg: 1, scope: !10, file: !1, line: 4, type: !7)
!30 = !DILocation(line: 4, column: 8, scope: !10)

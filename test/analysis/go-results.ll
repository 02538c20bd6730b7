; Go mode: a function with several results returns a struct built by insertvalue, field K being
; result K, and names its results in "escc-results" (docs/go.md); parameter tags name the result
; each parameter reaches, as gc does. A result leak no shorter than the heap leak is not shown
; (gc's leaks.Optimize), and a parameter that is itself moved to heap shows only that.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap --implicit-check-not=leaking
;
; package p
; var sink **int
; func f(a *int, b *int, c **int) (*int, err *int) {  // 3
; 	sink = c
; 	return *c, b
; }
; func g(a *int, b *int) (*int, *int) {  // 7
; 	sink = &a
; 	return b, nil
; }
; CHECK:      p.go:3:8: a does not escape
; CHECK-NEXT: p.go:3:16: leaking param: b to result err level=0
; CHECK-NEXT: p.go:3:24: leaking param: c
; CHECK-NEXT: p.go:7:8: moved to heap: a
; CHECK-NEXT: p.go:7:16: leaking param: b to result ~r0 level=0
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@p.sink = global ptr null

define { ptr, ptr } @p.f(ptr %a, ptr %b, ptr %c) #0 !dbg !10 {
entry:
  %a.addr = alloca ptr, align 8
  %b.addr = alloca ptr, align 8
  %c.addr = alloca ptr, align 8
  %err = alloca ptr, align 8
  store ptr %a, ptr %a.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %a.addr, metadata !20, metadata !DIExpression()), !dbg !30
  store ptr %b, ptr %b.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %b.addr, metadata !21, metadata !DIExpression()), !dbg !31
  store ptr %c, ptr %c.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %c.addr, metadata !22, metadata !DIExpression()), !dbg !32
  call void @llvm.dbg.declare(metadata ptr %err, metadata !23, metadata !DIExpression()), !dbg !33
  store ptr null, ptr %err, align 8
  %c1 = load ptr, ptr %c.addr, align 8
  store ptr %c1, ptr @p.sink, align 8
  %r0 = load ptr, ptr %c1, align 8
  %b1 = load ptr, ptr %b.addr, align 8
  store ptr %b1, ptr %err, align 8
  %r1 = load ptr, ptr %err, align 8
  %s0 = insertvalue { ptr, ptr } poison, ptr %r0, 0
  %s1 = insertvalue { ptr, ptr } %s0, ptr %r1, 1
  ret { ptr, ptr } %s1
}

define { ptr, ptr } @p.g(ptr %a, ptr %b) #1 !dbg !40 {
entry:
  %a.addr = alloca ptr, align 8
  %b.addr = alloca ptr, align 8
  store ptr %a, ptr %a.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %a.addr, metadata !41, metadata !DIExpression()), !dbg !43
  store ptr %b, ptr %b.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %b.addr, metadata !42, metadata !DIExpression()), !dbg !44
  store ptr %a.addr, ptr @p.sink, align 8
  %b1 = load ptr, ptr %b.addr, align 8
  %s0 = insertvalue { ptr, ptr } zeroinitializer, ptr %b1, 0
  ret { ptr, ptr } %s0
}

declare void @llvm.dbg.declare(metadata, metadata, metadata)

attributes #0 = { "escc-results"="~r0,err" }
attributes #1 = { "escc-results"="~r0,~r1" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "p.go", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!5 = !{i32 1, !"escc.source-language", !"go"}
!6 = !DIBasicType(name: "int", size: 64, encoding: DW_ATE_signed)
!7 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "*int", baseType: !6, size: 64)
!8 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "**int", baseType: !7, size: 64)
!10 = distinct !DISubprogram(name: "p.f", linkageName: "p.f", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{null, !7, !7, !8}
!20 = !DILocalVariable(name: "a", arg: 1, scope: !10, file: !1, line: 3, type: !7)
!21 = !DILocalVariable(name: "b", arg: 2, scope: !10, file: !1, line: 3, type: !7)
!22 = !DILocalVariable(name: "c", arg: 3, scope: !10, file: !1, line: 3, type: !8)
!23 = !DILocalVariable(name: "err", scope: !10, file: !1, line: 3, type: !7)
!30 = !DILocation(line: 3, column: 8, scope: !10)
!31 = !DILocation(line: 3, column: 16, scope: !10)
!32 = !DILocation(line: 3, column: 24, scope: !10)
!33 = !DILocation(line: 3, column: 37, scope: !10)
!40 = distinct !DISubprogram(name: "p.g", linkageName: "p.g", scope: !1, file: !1, line: 7, type: !11, scopeLine: 7, spFlags: DISPFlagDefinition, unit: !0)
!41 = !DILocalVariable(name: "a", arg: 1, scope: !40, file: !1, line: 7, type: !7)
!42 = !DILocalVariable(name: "b", arg: 2, scope: !40, file: !1, line: 7, type: !7)
!43 = !DILocation(line: 7, column: 8, scope: !40)
!44 = !DILocation(line: 7, column: 16, scope: !40)

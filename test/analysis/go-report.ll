; Go mode's report (docs/go.md): a module from the Go front end (module flag
; escc.source-language = "go") is reported as `go build -gcflags='-m -l'` reports it:
; allocation sites (DIFlagArtificial, named in gc's spelling) say "escapes to heap" or
; "does not escape", named variables only "moved to heap" when they move, front-end temporaries
; (no declare) and closure contexts (no DILocalVariable) nothing.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap
;
; package p
; var sink *int
; func f(p *int, q *int) *int {  // 3
; 	x := 1                         // 4
; 	y := 2                         // 5
; 	sink = &x                      // 6
; 	_ = &y
; 	n := new(int)                  // 8
; 	sink = n
; 	m := new(int)                  // 10
; 	*m = *q
; 	return p
; }
; CHECK:      p.go:3:8: leaking param: p to result ~r0 level=0
; CHECK-NEXT: p.go:3:16: q does not escape
; CHECK-NEXT: p.go:4:2: moved to heap: x
; CHECK-NEXT: p.go:8:10: new(int) escapes to heap
; CHECK-NEXT: p.go:10:10: new(int) does not escape
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@p.sink = global ptr null

define ptr @p.f(ptr %p, ptr %q, ptr %context) !dbg !10 {
entry:
  %p.addr = alloca ptr, align 8
  %q.addr = alloca ptr, align 8
  %x = alloca i64, align 8
  %y = alloca i64, align 8
  %new.8 = alloca i64, align 8
  %new.10 = alloca i64, align 8
  %temporary = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !20, metadata !DIExpression()), !dbg !30
  store ptr %q, ptr %q.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %q.addr, metadata !21, metadata !DIExpression()), !dbg !31
  call void @llvm.dbg.declare(metadata ptr %x, metadata !22, metadata !DIExpression()), !dbg !32
  store i64 1, ptr %x, align 8
  call void @llvm.dbg.declare(metadata ptr %y, metadata !23, metadata !DIExpression()), !dbg !33
  store i64 2, ptr %y, align 8
  store ptr %x, ptr @p.sink, align 8, !dbg !34
  call void @llvm.dbg.declare(metadata ptr %new.8, metadata !24, metadata !DIExpression()), !dbg !35
  store i64 0, ptr %new.8, align 8
  store ptr %new.8, ptr @p.sink, align 8, !dbg !34
  call void @llvm.dbg.declare(metadata ptr %new.10, metadata !25, metadata !DIExpression()), !dbg !36
  store i64 0, ptr %new.10, align 8
  %q1 = load ptr, ptr %q.addr, align 8
  %v = load i64, ptr %q1, align 8
  store i64 %v, ptr %new.10, align 8
  ; a temporary the front end needed, and a closure context: gc shows neither
  store ptr %temporary, ptr @p.sink, align 8
  store ptr %context, ptr @p.sink, align 8
  %p1 = load ptr, ptr %p.addr, align 8
  ret ptr %p1, !dbg !37
}

declare void @llvm.dbg.declare(metadata, metadata, metadata)

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
!10 = distinct !DISubprogram(name: "p.f", linkageName: "p.f", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{!7, !7, !7}
!20 = !DILocalVariable(name: "p", arg: 1, scope: !10, file: !1, line: 3, type: !7)
!21 = !DILocalVariable(name: "q", arg: 2, scope: !10, file: !1, line: 3, type: !7)
!22 = !DILocalVariable(name: "x", scope: !10, file: !1, line: 4, type: !6)
!23 = !DILocalVariable(name: "y", scope: !10, file: !1, line: 5, type: !6)
!24 = !DILocalVariable(name: "new(int)", scope: !10, file: !1, line: 8, type: !6, flags: DIFlagArtificial)
!25 = !DILocalVariable(name: "new(int)", scope: !10, file: !1, line: 10, type: !6, flags: DIFlagArtificial)
!30 = !DILocation(line: 3, column: 8, scope: !10)
!31 = !DILocation(line: 3, column: 16, scope: !10)
!32 = !DILocation(line: 4, column: 2, scope: !10)
!33 = !DILocation(line: 5, column: 2, scope: !10)
!34 = !DILocation(line: 6, column: 7, scope: !10)
!35 = !DILocation(line: 8, column: 10, scope: !10)
!36 = !DILocation(line: 10, column: 10, scope: !10)
!37 = !DILocation(line: 12, column: 2, scope: !10)

; Go mode: gc analyses a recursive SCC as one graph, and escc reproduces its answers. A
; self-call's result may be the caller's own parameter (insert stores insert(t.left) into
; *t, so t itself leaks: "leaking param: t", not a content leak plus a result leak); a
; parameter of even/odd that reaches its function's result, which the other returns, leaks to
; the heap; a parameter stored into an escaping named result r leaks, and is not mistaken for
; r's own move. Every line is what `go tool compile -p p -m -l` prints for the source.
; The IR is escc-go's output for it (/tmp paths trimmed).
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap --implicit-check-not=leaking
;
; package p
; type tree struct{ left *tree }
; func insert(t *tree) *tree {              // 5
; 	if t == nil {
; 		return &tree{}                    // 7
; 	}
; 	t.left = insert(t.left)
; 	return t
; }
; func even(p, q *int) *int {              // 13
; 	if *p == 0 {
; 		return q
; 	}
; 	return odd(q, p)
; }
; func odd(p, q *int) *int {               // 20
; 	return even(q, p)
; }
; func result(p *int) (r *int) {           // 24
; 	sink = &r
; 	return p
; }
; var sink **int
; CHECK:      rec.go:5:13: leaking param: t
; CHECK-NEXT: rec.go:7:10: &tree{} escapes to heap
; CHECK-NEXT: rec.go:13:11: p does not escape
; CHECK-NEXT: rec.go:13:14: leaking param: q
; CHECK-NEXT: rec.go:20:10: leaking param: p
; CHECK-NEXT: rec.go:20:13: q does not escape
; CHECK-NEXT: rec.go:24:13: leaking param: p
; CHECK-NEXT: rec.go:24:22: moved to heap: r
source_filename = "rec.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@"p.sink" = global ptr null

define ptr @"p.even"(ptr %p, ptr %q) "escc-results"="~r0" !dbg !3 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !5, metadata !DIExpression()), !dbg !6
  %q.addr = alloca ptr, align 8
  store ptr %q, ptr %q.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %q.addr, metadata !7, metadata !DIExpression()), !dbg !8
  br label %b0
b0:
  %t0 = load i64, ptr %p, !dbg !9
  %t1 = icmp eq i64 %t0, 0, !dbg !10
  br i1 %t1, label %b1, label %b2, !dbg !9
b1:
  ret ptr %q, !dbg !11
b2:
  %t2 = call ptr @"p.odd"(ptr %q, ptr %p), !dbg !12
  ret ptr %t2, !dbg !13
}

define void @"p.init"() !dbg !14 {
entry:
  br label %b0
b0:
  ret void, !dbg !15
}

define ptr @"p.insert"(ptr %t) "escc-results"="~r0" !dbg !16 {
entry:
  %t.addr = alloca ptr, align 8
  store ptr %t, ptr %t.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %t.addr, metadata !18, metadata !DIExpression()), !dbg !19
  %t1 = alloca { ptr }, align 8
  call void @llvm.dbg.declare(metadata ptr %t1, metadata !23, metadata !DIExpression()), !dbg !24
  br label %b0
b0:
  %t0 = icmp eq ptr %t, null, !dbg !20
  br i1 %t0, label %b1, label %b2, !dbg !21
b1:
  call void @llvm.lifetime.start.p0(i64 8, ptr %t1), !dbg !25
  store { ptr } zeroinitializer, ptr %t1, align 8, !dbg !25
  ret ptr %t1, !dbg !26
b2:
  %t2 = getelementptr inbounds { ptr }, ptr %t, i32 0, i32 0, !dbg !27
  %t3 = load ptr, ptr %t2, !dbg !27
  %t4 = call ptr @"p.insert"(ptr %t3), !dbg !28
  %t5 = getelementptr inbounds { ptr }, ptr %t, i32 0, i32 0, !dbg !29
  store ptr %t4, ptr %t5, !dbg !29
  ret ptr %t, !dbg !30
}

define ptr @"p.odd"(ptr %p, ptr %q) "escc-results"="~r0" !dbg !31 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !32, metadata !DIExpression()), !dbg !33
  %q.addr = alloca ptr, align 8
  store ptr %q, ptr %q.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %q.addr, metadata !34, metadata !DIExpression()), !dbg !35
  br label %b0
b0:
  %t0 = call ptr @"p.even"(ptr %q, ptr %p), !dbg !36
  ret ptr %t0, !dbg !37
}

define ptr @"p.result"(ptr %p) "escc-results"="r" !dbg !38 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !39, metadata !DIExpression()), !dbg !40
  %r = alloca ptr, align 8
  call void @llvm.dbg.declare(metadata ptr %r, metadata !41, metadata !DIExpression()), !dbg !42
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 8, ptr %r), !dbg !42
  store ptr null, ptr %r, align 8, !dbg !42
  store ptr %r, ptr @"p.sink", !dbg !43
  store ptr %p, ptr %r, !dbg !44
  %t1 = load ptr, ptr %r, !dbg !44
  ret ptr %t1, !dbg !44
}

declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!45, !46, !47, !48}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !2, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DISubroutineType(types: !{})
!2 = !DIFile(filename: "rec.go", directory: "/tmp")
!3 = distinct !DISubprogram(name: "p.even", linkageName: "p.even", scope: !2, file: !2, line: 13, type: !1, scopeLine: 13, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DIBasicType(name: "*int", size: 64)
!5 = !DILocalVariable(name: "p", arg: 1, scope: !3, file: !2, line: 13, type: !4)
!6 = !DILocation(line: 13, column: 11, scope: !3)
!7 = !DILocalVariable(name: "q", arg: 2, scope: !3, file: !2, line: 13, type: !4)
!8 = !DILocation(line: 13, column: 14, scope: !3)
!9 = !DILocation(line: 14, column: 5, scope: !3)
!10 = !DILocation(line: 14, column: 8, scope: !3)
!11 = !DILocation(line: 15, column: 3, scope: !3)
!12 = !DILocation(line: 17, column: 12, scope: !3)
!13 = !DILocation(line: 17, column: 2, scope: !3)
!14 = distinct !DISubprogram(name: "p.init", linkageName: "p.init", scope: !2, file: !2, line: 0, type: !1, scopeLine: 0, spFlags: DISPFlagDefinition, unit: !0)
!15 = !DILocation(line: 0, column: 0, scope: !14)
!16 = distinct !DISubprogram(name: "p.insert", linkageName: "p.insert", scope: !2, file: !2, line: 5, type: !1, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!17 = !DIBasicType(name: "*p.tree", size: 64)
!18 = !DILocalVariable(name: "t", arg: 1, scope: !16, file: !2, line: 5, type: !17)
!19 = !DILocation(line: 5, column: 13, scope: !16)
!20 = !DILocation(line: 6, column: 7, scope: !16)
!21 = !DILocation(line: 6, column: 5, scope: !16)
!22 = !DIBasicType(name: "p.tree", size: 64)
!23 = !DILocalVariable(name: "&tree{}", scope: !16, file: !2, line: 7, type: !22, flags: DIFlagArtificial)
!24 = !DILocation(line: 7, column: 10, scope: !16)
!25 = !DILocation(line: 7, column: 15, scope: !16)
!26 = !DILocation(line: 7, column: 3, scope: !16)
!27 = !DILocation(line: 9, column: 20, scope: !16)
!28 = !DILocation(line: 9, column: 17, scope: !16)
!29 = !DILocation(line: 9, column: 4, scope: !16)
!30 = !DILocation(line: 10, column: 2, scope: !16)
!31 = distinct !DISubprogram(name: "p.odd", linkageName: "p.odd", scope: !2, file: !2, line: 20, type: !1, scopeLine: 20, spFlags: DISPFlagDefinition, unit: !0)
!32 = !DILocalVariable(name: "p", arg: 1, scope: !31, file: !2, line: 20, type: !4)
!33 = !DILocation(line: 20, column: 10, scope: !31)
!34 = !DILocalVariable(name: "q", arg: 2, scope: !31, file: !2, line: 20, type: !4)
!35 = !DILocation(line: 20, column: 13, scope: !31)
!36 = !DILocation(line: 21, column: 13, scope: !31)
!37 = !DILocation(line: 21, column: 2, scope: !31)
!38 = distinct !DISubprogram(name: "p.result", linkageName: "p.result", scope: !2, file: !2, line: 24, type: !1, scopeLine: 24, spFlags: DISPFlagDefinition, unit: !0)
!39 = !DILocalVariable(name: "p", arg: 1, scope: !38, file: !2, line: 24, type: !4)
!40 = !DILocation(line: 24, column: 13, scope: !38)
!41 = !DILocalVariable(name: "r", scope: !38, file: !2, line: 24, type: !4)
!42 = !DILocation(line: 24, column: 22, scope: !38)
!43 = !DILocation(line: 25, column: 2, scope: !38)
!44 = !DILocation(line: 26, column: 2, scope: !38)
!45 = !{i32 2, !"Debug Info Version", i32 3}
!46 = !{i32 7, !"Dwarf Version", i32 5}
!47 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!48 = !{i32 1, !"escc.source-language", !"go"}

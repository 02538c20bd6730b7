; Go mode: a closure body that reads its context field by field has a leak per field (its
; captured variables, one by one, as gc sees them), and a direct call applies each field's leak
; to what the caller stored there. The body stores the captured p through the captured x (or
; sends it on ch): p's target i moves, but x and ch themselves do not escape — with the whole
; context as one object they leaked. The IR is escc-go's output for the source below; the lines
; are exactly what `go tool compile -p p -m -l` prints.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap --implicit-check-not=leaking
;
; package p
; func store(x **int) {     // 3
; 	var i int               // 4
; 	p := &i
; 	func() {                // 6
; 		*x = p
; 	}()
; }
; func send(ch chan *int) { // 11
; 	var i int               // 12
; 	p := &i
; 	func() {                // 14
; 		ch <- p
; 	}()
; }
; CHECK:      cf.go:3:12: x does not escape
; CHECK-NEXT: cf.go:4:6: moved to heap: i
; CHECK-NEXT: cf.go:6:2: func literal does not escape
; CHECK-NEXT: cf.go:11:11: ch does not escape
; CHECK-NEXT: cf.go:12:6: moved to heap: i
; CHECK-NEXT: cf.go:14:2: func literal does not escape
source_filename = "cf.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"


define void @"p.init"() !dbg !3 {
entry:
  br label %b0
b0:
  ret void, !dbg !4
}

define void @"p.send"(ptr %ch) !dbg !5 {
entry:
  %ch.1 = alloca ptr, align 8
  call void @llvm.dbg.declare(metadata ptr %ch.1, metadata !7, metadata !DIExpression()), !dbg !8
  %i = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %i, metadata !10, metadata !DIExpression()), !dbg !11
  %p = alloca ptr, align 8
  call void @llvm.dbg.declare(metadata ptr %p, metadata !13, metadata !DIExpression()), !dbg !14
  %t3 = alloca { ptr, ptr, ptr }, align 8
  call void @llvm.dbg.declare(metadata ptr %t3, metadata !16, metadata !DIExpression()), !dbg !17
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 8, ptr %ch.1), !dbg !8
  store ptr null, ptr %ch.1, align 8, !dbg !8
  store ptr %ch, ptr %ch.1, !dbg !8
  call void @llvm.lifetime.start.p0(i64 8, ptr %i), !dbg !11
  store i64 0, ptr %i, align 8, !dbg !11
  call void @llvm.lifetime.start.p0(i64 8, ptr %p), !dbg !14
  store ptr null, ptr %p, align 8, !dbg !14
  store ptr %i, ptr %p, !dbg !14
  call void @llvm.lifetime.start.p0(i64 24, ptr %t3), !dbg !14
  store { ptr, ptr, ptr } zeroinitializer, ptr %t3, align 8, !dbg !14
  store ptr @"p.send.func1", ptr %t3, !dbg !14
  %tmp = getelementptr inbounds { ptr, ptr, ptr }, ptr %t3, i32 0, i32 1, !dbg !14
  %tmp.1 = load ptr, ptr %ch.1, !dbg !14
  store ptr %tmp.1, ptr %tmp, !dbg !14
  %tmp.2 = getelementptr inbounds { ptr, ptr, ptr }, ptr %t3, i32 0, i32 2, !dbg !14
  %tmp.3 = load ptr, ptr %p, !dbg !14
  store ptr %tmp.3, ptr %tmp.2, !dbg !14
  call void @"p.send.func1"(ptr %t3), !dbg !18
  ret void, !dbg !17
}

define void @"p.store"(ptr %x) !dbg !19 {
entry:
  %x.1 = alloca ptr, align 8
  call void @llvm.dbg.declare(metadata ptr %x.1, metadata !21, metadata !DIExpression()), !dbg !22
  %i = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %i, metadata !23, metadata !DIExpression()), !dbg !24
  %p = alloca ptr, align 8
  call void @llvm.dbg.declare(metadata ptr %p, metadata !25, metadata !DIExpression()), !dbg !26
  %t3 = alloca { ptr, ptr, ptr }, align 8
  call void @llvm.dbg.declare(metadata ptr %t3, metadata !28, metadata !DIExpression()), !dbg !29
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 8, ptr %x.1), !dbg !22
  store ptr null, ptr %x.1, align 8, !dbg !22
  store ptr %x, ptr %x.1, !dbg !22
  call void @llvm.lifetime.start.p0(i64 8, ptr %i), !dbg !24
  store i64 0, ptr %i, align 8, !dbg !24
  call void @llvm.lifetime.start.p0(i64 8, ptr %p), !dbg !26
  store ptr null, ptr %p, align 8, !dbg !26
  store ptr %i, ptr %p, !dbg !26
  call void @llvm.lifetime.start.p0(i64 24, ptr %t3), !dbg !26
  store { ptr, ptr, ptr } zeroinitializer, ptr %t3, align 8, !dbg !26
  store ptr @"p.store.func1", ptr %t3, !dbg !26
  %tmp = getelementptr inbounds { ptr, ptr, ptr }, ptr %t3, i32 0, i32 1, !dbg !26
  %tmp.1 = load ptr, ptr %x.1, !dbg !26
  store ptr %tmp.1, ptr %tmp, !dbg !26
  %tmp.2 = getelementptr inbounds { ptr, ptr, ptr }, ptr %t3, i32 0, i32 2, !dbg !26
  %tmp.3 = load ptr, ptr %p, !dbg !26
  store ptr %tmp.3, ptr %tmp.2, !dbg !26
  call void @"p.store.func1"(ptr %t3), !dbg !30
  ret void, !dbg !29
}

define void @"p.send.func1"(ptr %closure) !dbg !31 {
entry:
  %ch = getelementptr inbounds { ptr, ptr, ptr }, ptr %closure, i32 0, i32 1
  %p = getelementptr inbounds { ptr, ptr, ptr }, ptr %closure, i32 0, i32 2
  %tmp = alloca ptr, align 8
  br label %b0
b0:
  %t0 = load ptr, ptr %ch, !dbg !32
  %t1 = load ptr, ptr %p, !dbg !33
  store ptr %t1, ptr %tmp, !dbg !34
  call void @escgo_chan_send(ptr %t0, ptr %tmp), !dbg !34
  ret void, !dbg !34
}

define void @"p.store.func1"(ptr %closure) !dbg !35 {
entry:
  %x = getelementptr inbounds { ptr, ptr, ptr }, ptr %closure, i32 0, i32 1
  %p = getelementptr inbounds { ptr, ptr, ptr }, ptr %closure, i32 0, i32 2
  br label %b0
b0:
  %t0 = load ptr, ptr %x, !dbg !36
  %t1 = load ptr, ptr %p, !dbg !37
  store ptr %t1, ptr %t0, !dbg !38
  ret void, !dbg !38
}

declare void @escgo_chan_send(ptr "escc-leak"="none", ptr "escc-leak"="heap=1")
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!39, !40, !41, !42}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !2, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DISubroutineType(types: !{})
!2 = !DIFile(filename: "cf.go", directory: "/tmp")
!3 = distinct !DISubprogram(name: "p.init", linkageName: "p.init", scope: !2, file: !2, line: 0, type: !1, scopeLine: 0, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DILocation(line: 0, column: 0, scope: !3)
!5 = distinct !DISubprogram(name: "p.send", linkageName: "p.send", scope: !2, file: !2, line: 11, type: !1, scopeLine: 11, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DIBasicType(name: "chan *int", size: 64)
!7 = !DILocalVariable(name: "ch", arg: 1, scope: !5, file: !2, line: 11, type: !6)
!8 = !DILocation(line: 11, column: 11, scope: !5)
!9 = !DIBasicType(name: "int", size: 64)
!10 = !DILocalVariable(name: "i", scope: !5, file: !2, line: 12, type: !9)
!11 = !DILocation(line: 12, column: 6, scope: !5)
!12 = !DIBasicType(name: "*int", size: 64)
!13 = !DILocalVariable(name: "p", scope: !5, file: !2, line: 13, type: !12)
!14 = !DILocation(line: 13, column: 2, scope: !5)
!15 = !DIBasicType(name: "struct{code unsafe.Pointer; ch chan *int; p *int}", size: 64)
!16 = !DILocalVariable(name: "func literal", scope: !5, file: !2, line: 14, type: !15, flags: DIFlagArtificial)
!17 = !DILocation(line: 14, column: 2, scope: !5)
!18 = !DILocation(line: 16, column: 3, scope: !5)
!19 = distinct !DISubprogram(name: "p.store", linkageName: "p.store", scope: !2, file: !2, line: 3, type: !1, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!20 = !DIBasicType(name: "**int", size: 64)
!21 = !DILocalVariable(name: "x", arg: 1, scope: !19, file: !2, line: 3, type: !20)
!22 = !DILocation(line: 3, column: 12, scope: !19)
!23 = !DILocalVariable(name: "i", scope: !19, file: !2, line: 4, type: !9)
!24 = !DILocation(line: 4, column: 6, scope: !19)
!25 = !DILocalVariable(name: "p", scope: !19, file: !2, line: 5, type: !12)
!26 = !DILocation(line: 5, column: 2, scope: !19)
!27 = !DIBasicType(name: "struct{code unsafe.Pointer; x **int; p *int}", size: 64)
!28 = !DILocalVariable(name: "func literal", scope: !19, file: !2, line: 6, type: !27, flags: DIFlagArtificial)
!29 = !DILocation(line: 6, column: 2, scope: !19)
!30 = !DILocation(line: 8, column: 3, scope: !19)
!31 = distinct !DISubprogram(name: "p.send.func1", linkageName: "p.send.func1", scope: !2, file: !2, line: 14, type: !1, scopeLine: 14, spFlags: DISPFlagDefinition, unit: !0)
!32 = !DILocation(line: 15, column: 3, scope: !31)
!33 = !DILocation(line: 15, column: 9, scope: !31)
!34 = !DILocation(line: 15, column: 6, scope: !31)
!35 = distinct !DISubprogram(name: "p.store.func1", linkageName: "p.store.func1", scope: !2, file: !2, line: 6, type: !1, scopeLine: 6, spFlags: DISPFlagDefinition, unit: !0)
!36 = !DILocation(line: 7, column: 4, scope: !35)
!37 = !DILocation(line: 7, column: 8, scope: !35)
!38 = !DILocation(line: 7, column: 3, scope: !35)
!39 = !{i32 2, !"Debug Info Version", i32 3}
!40 = !{i32 7, !"Dwarf Version", i32 5}
!41 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!42 = !{i32 1, !"escc.source-language", !"go"}

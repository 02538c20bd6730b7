; Go mode: gc analyses a function together with its closures. A func literal called where it
; is written returns its parameter p, and the caller stores the result in a global: to gc p
; leaks to the heap (another function's result is as good as the heap), not "to result". A
; closure object only ever passed to direct calls of its body is charged by those calls, with
; their real results: a reaches leakPart's result, not the heap. The IR is escc-go's output for
; the source below; the lines are what `go tool compile -p p -m -l` prints (which also says
; "7:9: func literal does not escape", a site escc-go does not make for a closure without
; captured variables).
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap --implicit-check-not=leaking
;
; package p
; var sink *int
; func callArg() {
; 	x := 0                        // 6
; 	sink = func(p *int) *int {    // 7
; 		return p
; 	}(&x)
; }
; func leakPart(a ...*int) *int { // 12
; 	return func() *int {          // 13
; 		return a[0]
; 	}()
; }
; CHECK:      clo.go:6:2: moved to heap: x
; CHECK-NEXT: clo.go:7:14: leaking param: p
; CHECK-NEXT: clo.go:12:15: leaking param: a to result ~r0 level=1
; CHECK-NEXT: clo.go:13:9: func literal does not escape
source_filename = "clo.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@"p.sink" = global ptr null

define void @"p.callArg"() !dbg !3 {
entry:
  %x = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %x, metadata !5, metadata !DIExpression()), !dbg !6
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 8, ptr %x), !dbg !6
  store i64 0, ptr %x, align 8, !dbg !6
  store i64 0, ptr %x, !dbg !6
  %t1 = call ptr @"p.callArg.func1"(ptr null, ptr %x), !dbg !7
  store ptr %t1, ptr @"p.sink", !dbg !8
  ret void, !dbg !8
}

define void @"p.init"() !dbg !9 {
entry:
  br label %b0
b0:
  ret void, !dbg !10
}

define ptr @"p.leakPart"({ ptr, i64, i64 } %a) "escc-results"="~r0" !dbg !11 {
entry:
  %a.1 = alloca { ptr, i64, i64 }, align 8
  call void @llvm.dbg.declare(metadata ptr %a.1, metadata !13, metadata !DIExpression()), !dbg !14
  %t1 = alloca { ptr, { ptr, i64, i64 } }, align 8
  call void @llvm.dbg.declare(metadata ptr %t1, metadata !16, metadata !DIExpression()), !dbg !17
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 24, ptr %a.1), !dbg !14
  store { ptr, i64, i64 } zeroinitializer, ptr %a.1, align 8, !dbg !14
  store { ptr, i64, i64 } %a, ptr %a.1, !dbg !14
  call void @llvm.lifetime.start.p0(i64 32, ptr %t1), !dbg !14
  store { ptr, { ptr, i64, i64 } } zeroinitializer, ptr %t1, align 8, !dbg !14
  store ptr @"p.leakPart.func1", ptr %t1, !dbg !14
  %tmp = getelementptr inbounds { ptr, { ptr, i64, i64 } }, ptr %t1, i32 0, i32 1, !dbg !14
  %tmp.1 = load { ptr, i64, i64 }, ptr %a.1, !dbg !14
  store { ptr, i64, i64 } %tmp.1, ptr %tmp, !dbg !14
  %t2 = call ptr @"p.leakPart.func1"(ptr %t1), !dbg !18
  ret ptr %t2, !dbg !19
}

define ptr @"p.callArg.func1"(ptr %closure, ptr %p) "escc-results"="~r0" !dbg !20 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !22, metadata !DIExpression()), !dbg !23
  br label %b0
b0:
  ret ptr %p, !dbg !24
}

define ptr @"p.leakPart.func1"(ptr %closure) "escc-results"="~r0" !dbg !25 {
entry:
  %a = getelementptr inbounds { ptr, { ptr, i64, i64 } }, ptr %closure, i32 0, i32 1
  br label %b0
b0:
  %t0 = load { ptr, i64, i64 }, ptr %a, !dbg !26
  %tmp = extractvalue { ptr, i64, i64 } %t0, 0, !dbg !27
  %tmp.1 = extractvalue { ptr, i64, i64 } %t0, 1, !dbg !27
  %tmp.2 = icmp uge i64 0, %tmp.1, !dbg !27
  br i1 %tmp.2, label %panic, label %ok, !dbg !27
panic:
  call void @escgo_panic_index(i64 0, i64 %tmp.1), !dbg !27
  unreachable, !dbg !27
ok:
  %t1 = getelementptr inbounds ptr, ptr %tmp, i64 0, !dbg !27
  %t2 = load ptr, ptr %t1, !dbg !27
  ret ptr %t2, !dbg !28
}

declare void @escgo_panic_index(i64, i64) noreturn
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!29, !30, !31, !32}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !2, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DISubroutineType(types: !{})
!2 = !DIFile(filename: "clo.go", directory: "/tmp")
!3 = distinct !DISubprogram(name: "p.callArg", linkageName: "p.callArg", scope: !2, file: !2, line: 5, type: !1, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DIBasicType(name: "int", size: 64)
!5 = !DILocalVariable(name: "x", scope: !3, file: !2, line: 6, type: !4)
!6 = !DILocation(line: 6, column: 2, scope: !3)
!7 = !DILocation(line: 9, column: 3, scope: !3)
!8 = !DILocation(line: 7, column: 2, scope: !3)
!9 = distinct !DISubprogram(name: "p.init", linkageName: "p.init", scope: !2, file: !2, line: 0, type: !1, scopeLine: 0, spFlags: DISPFlagDefinition, unit: !0)
!10 = !DILocation(line: 0, column: 0, scope: !9)
!11 = distinct !DISubprogram(name: "p.leakPart", linkageName: "p.leakPart", scope: !2, file: !2, line: 12, type: !1, scopeLine: 12, spFlags: DISPFlagDefinition, unit: !0)
!12 = !DIBasicType(name: "[]*int", size: 64)
!13 = !DILocalVariable(name: "a", arg: 1, scope: !11, file: !2, line: 12, type: !12)
!14 = !DILocation(line: 12, column: 15, scope: !11)
!15 = !DIBasicType(name: "struct{code unsafe.Pointer; a []*int}", size: 64)
!16 = !DILocalVariable(name: "func literal", scope: !11, file: !2, line: 13, type: !15, flags: DIFlagArtificial)
!17 = !DILocation(line: 13, column: 9, scope: !11)
!18 = !DILocation(line: 15, column: 3, scope: !11)
!19 = !DILocation(line: 13, column: 2, scope: !11)
!20 = distinct !DISubprogram(name: "p.callArg.func1", linkageName: "p.callArg.func1", scope: !2, file: !2, line: 7, type: !1, scopeLine: 7, spFlags: DISPFlagDefinition, unit: !0)
!21 = !DIBasicType(name: "*int", size: 64)
!22 = !DILocalVariable(name: "p", arg: 1, scope: !20, file: !2, line: 7, type: !21)
!23 = !DILocation(line: 7, column: 14, scope: !20)
!24 = !DILocation(line: 8, column: 3, scope: !20)
!25 = distinct !DISubprogram(name: "p.leakPart.func1", linkageName: "p.leakPart.func1", scope: !2, file: !2, line: 13, type: !1, scopeLine: 13, spFlags: DISPFlagDefinition, unit: !0)
!26 = !DILocation(line: 14, column: 10, scope: !25)
!27 = !DILocation(line: 14, column: 11, scope: !25)
!28 = !DILocation(line: 14, column: 3, scope: !25)
!29 = !{i32 2, !"Debug Info Version", i32 3}
!30 = !{i32 7, !"Dwarf Version", i32 5}
!31 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!32 = !{i32 1, !"escc.source-language", !"go"}

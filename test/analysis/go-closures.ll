; Go mode: calling a func value does not leak it (gc); what the closure's body does with its
; context is applied where the closure is made. `call (load F)(F, ...)` is a closure call:
; apply's f does not escape and neither does the func literal passed to it; but the body of
; the closure stores the captured &x in a global, so x moves to heap where the closure is made.
; Any other indirect call (an interface method: the function comes from elsewhere) leaks all
; its arguments.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap --implicit-check-not=leaking
;
; package p
; var sink *int
; func apply(f func(int)) { f(1) }                        // 4
; func main() {                                           // 5
; 	x := 0                                                // 6
; 	apply(func(v int) { sink = &x })                      // 7
; }
; func invoke(m struct{ fn func(*int); recv *int }) { m.fn(m.recv) }  // 9: leaks m
; CHECK:      p.go:4:12: f does not escape
; CHECK-NEXT: p.go:6:2: moved to heap: x
; CHECK-NEXT: p.go:7:8: func literal does not escape
; CHECK-NEXT: p.go:9:13: leaking param: m
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@p.sink = global ptr null

define void @p.apply(ptr %f) !dbg !10 {
entry:
  %f.addr = alloca ptr, align 8
  store ptr %f, ptr %f.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %f.addr, metadata !20, metadata !DIExpression()), !dbg !30
  %fn = load ptr, ptr %f, align 8
  call void %fn(ptr %f, i64 1)
  ret void
}

define void @p.main.func1(ptr %closure, i64 %v) !dbg !40 {
entry:
  %x.field = getelementptr inbounds { ptr, ptr }, ptr %closure, i32 0, i32 1
  %x = load ptr, ptr %x.field, align 8
  store ptr %x, ptr @p.sink, align 8
  ret void
}

define void @p.main() !dbg !50 {
entry:
  %x = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %x, metadata !51, metadata !DIExpression()), !dbg !52
  %literal = alloca { ptr, ptr }, align 8
  call void @llvm.dbg.declare(metadata ptr %literal, metadata !53, metadata !DIExpression()), !dbg !54
  store i64 0, ptr %x, align 8
  %fn.field = getelementptr inbounds { ptr, ptr }, ptr %literal, i32 0, i32 0
  store ptr @p.main.func1, ptr %fn.field, align 8
  %x.field = getelementptr inbounds { ptr, ptr }, ptr %literal, i32 0, i32 1
  store ptr %x, ptr %x.field, align 8
  call void @p.apply(ptr %literal), !dbg !54
  ret void
}

define void @p.invoke({ ptr, ptr } %m) !dbg !60 {
entry:
  %m.addr = alloca { ptr, ptr }, align 8
  store { ptr, ptr } %m, ptr %m.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %m.addr, metadata !61, metadata !DIExpression()), !dbg !62
  %table = extractvalue { ptr, ptr } %m, 0
  %recv = extractvalue { ptr, ptr } %m, 1
  %fn = load ptr, ptr %table, align 8
  call void %fn(ptr %recv)
  ret void
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
!7 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "func(int)", baseType: !6, size: 64)
!10 = distinct !DISubprogram(name: "p.apply", scope: !1, file: !1, line: 4, type: !11, scopeLine: 4, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{null, !7}
!20 = !DILocalVariable(name: "f", arg: 1, scope: !10, file: !1, line: 4, type: !7)
!30 = !DILocation(line: 4, column: 12, scope: !10)
!40 = distinct !DISubprogram(name: "p.main.func1", scope: !1, file: !1, line: 7, type: !11, scopeLine: 7, spFlags: DISPFlagDefinition, unit: !0)
!50 = distinct !DISubprogram(name: "p.main", scope: !1, file: !1, line: 5, type: !11, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!51 = !DILocalVariable(name: "x", scope: !50, file: !1, line: 6, type: !6)
!52 = !DILocation(line: 6, column: 2, scope: !50)
!53 = !DILocalVariable(name: "func literal", scope: !50, file: !1, line: 7, type: !6, flags: DIFlagArtificial)
!54 = !DILocation(line: 7, column: 8, scope: !50)
!60 = distinct !DISubprogram(name: "p.invoke", scope: !1, file: !1, line: 9, type: !11, scopeLine: 9, spFlags: DISPFlagDefinition, unit: !0)
!61 = !DILocalVariable(name: "m", arg: 1, scope: !60, file: !1, line: 9, type: !6)
!62 = !DILocation(line: 9, column: 13, scope: !60)

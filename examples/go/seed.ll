; seed.ll — seed.go as a naive Go front end emits it: every local (and every parameter) is an
; alloca, symbols are Go's package-qualified names (main.getNum), the debug locations point
; into seed.go, and println lowers to the runtime.print* calls the Go compiler uses. The tiny
; runtime.print* bodies and the C entry point `main` (which calls main.main, as Go's runtime
; does) are at the end so `escc run examples/go/seed.ll` is a complete program.
;
;   escc report examples/go/seed.ll   →  seed.go:6:2: moved to heap: number
;                                        seed.go:10:10: a does not escape
; which is what `go tool compile -m -l` prints for seed.go (seed.go-m.txt). escc-go
; (frontend/go/) now emits this shape from seed.go itself: `escc ir seed.go` shows its output.
source_filename = "seed.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@runtime.int_format = private unnamed_addr constant [5 x i8] c"%lld\00"
@runtime.newline = private unnamed_addr constant [2 x i8] c"\0A\00"

; func getNum() *int { number := 42; return &number }
define ptr @main.getNum() !dbg !10 {
entry:
  %number = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %number, metadata !14, metadata !DIExpression()), !dbg !15
  store i64 42, ptr %number, align 8, !dbg !15
  ret ptr %number, !dbg !16
}

; func add(a *int, b int) { println(*a + b) }
define void @main.add(ptr %a, i64 %b) !dbg !20 {
entry:
  %a.addr = alloca ptr, align 8
  %b.addr = alloca i64, align 8
  store ptr %a, ptr %a.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %a.addr, metadata !24, metadata !DIExpression()), !dbg !26
  store i64 %b, ptr %b.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %b.addr, metadata !25, metadata !DIExpression()), !dbg !27
  %0 = load ptr, ptr %a.addr, align 8, !dbg !28
  %1 = load i64, ptr %0, align 8, !dbg !28
  %2 = load i64, ptr %b.addr, align 8, !dbg !28
  %3 = add i64 %1, %2, !dbg !28
  call void @runtime.printlock(), !dbg !28
  call void @runtime.printint(i64 %3), !dbg !28
  call void @runtime.printnl(), !dbg !28
  call void @runtime.printunlock(), !dbg !28
  ret void, !dbg !29
}

; func main() { p := getNum(); num := 1; add(&num, 2); println(*p) }
define void @main.main() !dbg !30 {
entry:
  %p = alloca ptr, align 8
  %num = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %p, metadata !33, metadata !DIExpression()), !dbg !35
  %0 = call ptr @main.getNum(), !dbg !36
  store ptr %0, ptr %p, align 8, !dbg !35
  call void @llvm.dbg.declare(metadata ptr %num, metadata !34, metadata !DIExpression()), !dbg !37
  store i64 1, ptr %num, align 8, !dbg !37
  call void @main.add(ptr %num, i64 2), !dbg !39
  %1 = load ptr, ptr %p, align 8, !dbg !38
  %2 = load i64, ptr %1, align 8, !dbg !38
  call void @runtime.printlock(), !dbg !38
  call void @runtime.printint(i64 %2), !dbg !38
  call void @runtime.printnl(), !dbg !38
  call void @runtime.printunlock(), !dbg !38
  ret void, !dbg !40
}

; ---- the part of Go's runtime println needs (Go prints to standard error) ----
define void @runtime.printlock() {
  ret void
}

define void @runtime.printunlock() {
  ret void
}

define void @runtime.printint(i64 %value) {
  %written = call i32 (i32, ptr, ...) @dprintf(i32 2, ptr @runtime.int_format, i64 %value)
  ret void
}

define void @runtime.printnl() {
  %written = call i32 (i32, ptr, ...) @dprintf(i32 2, ptr @runtime.newline)
  ret void
}

; The process entry point: Go's runtime calls main.main, then exits 0.
define i32 @main() {
  call void @main.main()
  ret i32 0
}

declare i32 @dprintf(i32, ptr, ...)
declare void @llvm.dbg.declare(metadata, metadata, metadata)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "naive Go front end (hand-written for escc)", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "seed.go", directory: "examples/go")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !DIBasicType(name: "int", size: 64, encoding: DW_ATE_signed)
!5 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "*int", baseType: !4, size: 64)

!10 = distinct !DISubprogram(name: "main.getNum", linkageName: "main.getNum", scope: !1, file: !1, line: 5, type: !11, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{!5}
!14 = !DILocalVariable(name: "number", scope: !10, file: !1, line: 6, type: !4)
!15 = !DILocation(line: 6, column: 2, scope: !10)
!16 = !DILocation(line: 7, column: 2, scope: !10)

!20 = distinct !DISubprogram(name: "main.add", linkageName: "main.add", scope: !1, file: !1, line: 10, type: !21, scopeLine: 10, spFlags: DISPFlagDefinition, unit: !0)
!21 = !DISubroutineType(types: !22)
!22 = !{null, !5, !4}
!24 = !DILocalVariable(name: "a", arg: 1, scope: !20, file: !1, line: 10, type: !5)
!25 = !DILocalVariable(name: "b", arg: 2, scope: !20, file: !1, line: 10, type: !4)
!26 = !DILocation(line: 10, column: 10, scope: !20)
!27 = !DILocation(line: 10, column: 18, scope: !20)
!28 = !DILocation(line: 11, column: 2, scope: !20)
!29 = !DILocation(line: 12, column: 1, scope: !20)

!30 = distinct !DISubprogram(name: "main.main", linkageName: "main.main", scope: !1, file: !1, line: 14, type: !31, scopeLine: 14, spFlags: DISPFlagDefinition, unit: !0)
!31 = !DISubroutineType(types: !32)
!32 = !{null}
!33 = !DILocalVariable(name: "p", scope: !30, file: !1, line: 15, type: !5)
!34 = !DILocalVariable(name: "num", scope: !30, file: !1, line: 16, type: !4)
!35 = !DILocation(line: 15, column: 2, scope: !30)
!36 = !DILocation(line: 15, column: 13, scope: !30)
!37 = !DILocation(line: 16, column: 2, scope: !30)
!38 = !DILocation(line: 18, column: 2, scope: !30)
!39 = !DILocation(line: 17, column: 5, scope: !30)
!40 = !DILocation(line: 19, column: 1, scope: !30)

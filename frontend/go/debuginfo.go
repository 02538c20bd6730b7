// debuginfo.go — the DWARF metadata escc's report reads: one DICompileUnit, a DIFile per
// source file, a DISubprogram per lowered function (gc's name), a DILocalVariable per named
// variable (Go's name, arg: N for parameters) and per allocation site (gc's spelling of the
// expression, DIFlagArtificial), DILocations, and the module flags that put the analysis in
// Go mode (docs/go.md).
//
// Invariant: metadata numbers are handed out once and never reused; a variable's location
// has the variable's subprogram as scope (the verifier's rule for declares).
package main

import (
	"fmt"
	"go/token"
	"os"
	"sort"
	"strings"
)

type debugInfo struct {
	fset         *token.FileSet
	llvmVersion  int
	nodes        map[int]string
	next         int
	compileUnit  int
	files        map[string]int
	locations    map[string]int
	subroutine   int
	anyType      int
	typeByName   map[string]int
	flagsFirstID int
}

func newDebugInfo(fset *token.FileSet, llvmVersion int) *debugInfo {
	d := &debugInfo{fset: fset, llvmVersion: llvmVersion, nodes: map[int]string{},
		files: map[string]int{}, locations: map[string]int{}, typeByName: map[string]int{}}
	d.compileUnit = d.reserve()
	d.subroutine = d.add("!DISubroutineType(types: !{})")
	return d
}

func (d *debugInfo) reserve() int {
	id := d.next
	d.next++
	return id
}

func (d *debugInfo) add(text string) int {
	id := d.reserve()
	d.nodes[id] = text
	return id
}

func (d *debugInfo) file(name string) int {
	if id, ok := d.files[name]; ok {
		return id
	}
	directory, _ := os.Getwd()
	id := d.add(fmt.Sprintf("!DIFile(filename: \"%s\", directory: \"%s\")", escapeBytes(name), escapeBytes(directory)))
	d.files[name] = id
	return id
}

// position splits pos into file, line and column (file of the first source when invalid).
func (d *debugInfo) position(pos token.Pos, fallback string) (int, int, int) {
	if !pos.IsValid() {
		return d.file(fallback), 0, 0
	}
	p := d.fset.Position(pos)
	return d.file(p.Filename), p.Line, p.Column
}

// basicType is a DIBasicType named after the Go type (the analysis only reads names).
func (d *debugInfo) basicType(name string) int {
	if id, ok := d.typeByName[name]; ok {
		return id
	}
	id := d.add(fmt.Sprintf("!DIBasicType(name: \"%s\", size: 64)", escapeBytes(name)))
	d.typeByName[name] = id
	return id
}

func (d *debugInfo) subprogram(name string, pos token.Pos, fallback string) int {
	file, line, _ := d.position(pos, fallback)
	return d.add(fmt.Sprintf("distinct !DISubprogram(name: \"%s\", linkageName: \"%s\", scope: !%d, file: !%d, line: %d, type: !%d, scopeLine: %d, spFlags: DISPFlagDefinition, unit: !%d)",
		escapeBytes(name), escapeBytes(name), file, file, line, d.subroutine, line, d.compileUnit))
}

// variable is a DILocalVariable: arg is 1-based for parameters, 0 otherwise.
func (d *debugInfo) variable(name string, arg int, scope int, pos token.Pos, fallback, typeName string, artificial bool) int {
	file, line, _ := d.position(pos, fallback)
	text := fmt.Sprintf("!DILocalVariable(name: \"%s\"", escapeBytes(name))
	if arg > 0 {
		text += fmt.Sprintf(", arg: %d", arg)
	}
	text += fmt.Sprintf(", scope: !%d, file: !%d, line: %d, type: !%d", scope, file, line, d.basicType(typeName))
	if artificial {
		text += ", flags: DIFlagArtificial"
	}
	return d.add(text + ")")
}

func (d *debugInfo) location(pos token.Pos, scope int) int {
	line, column := 0, 0
	if pos.IsValid() {
		p := d.fset.Position(pos)
		line, column = p.Line, p.Column
	}
	key := fmt.Sprintf("%d:%d:%d", line, column, scope)
	if id, ok := d.locations[key]; ok {
		return id
	}
	id := d.add(fmt.Sprintf("!DILocation(line: %d, column: %d, scope: !%d)", line, column, scope))
	d.locations[key] = id
	return id
}

// declare is the instruction (LLVM 19) or record (LLVM 22) naming address as variable.
func (d *debugInfo) declare(address string, variable, location int) string {
	if d.llvmVersion >= 22 {
		return fmt.Sprintf("#dbg_declare(ptr %s, !%d, !DIExpression(), !%d)", address, variable, location)
	}
	return fmt.Sprintf("call void @llvm.dbg.declare(metadata ptr %s, metadata !%d, metadata !DIExpression()), !dbg !%d",
		address, variable, location)
}

func (d *debugInfo) text() string {
	main := ""
	for name := range d.files {
		if main == "" || name < main {
			main = name
		}
	}
	d.nodes[d.compileUnit] = fmt.Sprintf("distinct !DICompileUnit(language: DW_LANG_Go, file: !%d, producer: \"escc-go\", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)", d.file(main))
	flags := []int{
		d.add("!{i32 2, !\"Debug Info Version\", i32 3}"),
		d.add("!{i32 7, !\"Dwarf Version\", i32 5}"),
		d.add("!{i32 1, !\"escc.integers-carry-no-addresses\", i32 1}"),
		d.add("!{i32 1, !\"escc.source-language\", !\"go\"}"),
	}
	var b strings.Builder
	fmt.Fprintf(&b, "!llvm.dbg.cu = !{!%d}\n", d.compileUnit)
	var refs []string
	for _, f := range flags {
		refs = append(refs, fmt.Sprintf("!%d", f))
	}
	fmt.Fprintf(&b, "!llvm.module.flags = !{%s}\n\n", strings.Join(refs, ", "))
	var ids []int
	for id := range d.nodes {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "!%d = %s\n", id, d.nodes[id])
	}
	return b.String()
}

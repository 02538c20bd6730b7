// Command go-agreement-naive prints, for one Go file, the report of the naive heap rule that
// Go-to-LLVM compilers built on go/ssa use (goplus/llgo): every go/ssa Alloc with Heap set, and
// every other allocating instruction (MakeInterface of a value that is not pointer-shaped,
// MakeClosure with free variables, MakeSlice, MakeMap, MakeChan, string/[]byte conversions),
// goes to the heap; everything else stays on the stack; no parameter tags. scripts/go-agreement
// scores it against gc beside escc (docs/go.md).
//
// Usage: go-agreement-naive FILE.go. Output, one line each, TAB-separated:
//
//	func  NAME  FIRST-LINE  LAST-LINE     every function of the file (closures too), named as
//	                                      gc names it without the package (F, (*T).M, F.func1)
//	naive LINE  TEXT                      "moved to heap: x" for a named variable, "escapes to
//	                                      heap" for an allocation site (gc's spelling of the
//	                                      expression is not rebuilt: the score matches a site by
//	                                      line and kind, which can only favour this rule)
package main

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// Comments go/ssa gives allocation sites; any other non-empty comment names a variable.
var siteComments = map[string]bool{"new": true, "complit": true, "slicelit": true,
	"varargs": true, "makeslice": true, "": true}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go-agreement-naive FILE.go")
		os.Exit(2)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, os.Args[1], nil, parser.ParseComments)
	if err != nil {
		fatal(err)
	}
	config := &types.Config{Importer: importer.Default()}
	pkg, _, err := ssautil.BuildPackage(config, fset, types.NewPackage("p", file.Name.Name),
		[]*ast.File{file}, ssa.BuilderMode(0))
	if err != nil {
		fatal(err)
	}
	for fn := range ssautil.AllFunctions(pkg.Prog) {
		if fn.Pkg != pkg || fn.Syntax() == nil {
			continue
		}
		syntax := fn.Syntax()
		fmt.Printf("func\t%s\t%d\t%d\n", gcName(fn), fset.Position(syntax.Pos()).Line,
			fset.Position(syntax.End()).Line)
		for _, block := range fn.Blocks {
			for _, instruction := range block.Instrs {
				if text, pos := naive(instruction); text != "" && pos.IsValid() {
					fmt.Printf("naive\t%d\t%s\n", fset.Position(pos).Line, text)
				}
			}
		}
	}
}

// gcName is the function's name as gc spells it without the package: F, T.M, (*T).M, and
// F.func1, F.func1.1 for closures (go/ssa's F$1, F$1$1).
func gcName(fn *ssa.Function) string {
	if parent := fn.Parent(); parent != nil {
		index := 0
		for i, anon := range parent.AnonFuncs {
			if anon == fn {
				index = i + 1
			}
		}
		if parent.Parent() == nil {
			return fmt.Sprintf("%s.func%d", gcName(parent), index)
		}
		return fmt.Sprintf("%s.%d", gcName(parent), index)
	}
	if recv := fn.Signature.Recv(); recv != nil {
		if pointer, ok := recv.Type().(*types.Pointer); ok {
			return "(*" + pointer.Elem().(*types.Named).Obj().Name() + ")." + fn.Name()
		}
		return recv.Type().(*types.Named).Obj().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// naive is the rule's message for one instruction, or "".
func naive(instruction ssa.Instruction) (string, token.Pos) {
	switch v := instruction.(type) {
	case *ssa.Alloc:
		if !v.Heap {
			return "", token.NoPos
		}
		if siteComments[v.Comment] {
			return "escapes to heap", v.Pos()
		}
		return "moved to heap: " + v.Comment, v.Pos()
	case *ssa.MakeInterface:
		if pointerShaped(v.X.Type()) {
			return "", token.NoPos
		}
		return "escapes to heap", v.Pos()
	case *ssa.MakeClosure:
		return "escapes to heap", v.Pos()
	case *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan:
		return "escapes to heap", v.Pos()
	case *ssa.Convert:
		if isString(v.Type()) != isString(v.X.Type()) && !isBasicInteger(v.X.Type()) {
			return "escapes to heap", v.Pos() // string(bytes), []byte(s), []rune(s)
		}
	}
	return "", token.NoPos
}

// pointerShaped: stored in an interface's data word directly (types.IsDirectIface in gc).
func pointerShaped(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Chan, *types.Signature:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Struct:
		return u.NumFields() == 1 && pointerShaped(u.Field(0).Type())
	case *types.Array:
		return u.Len() == 1 && pointerShaped(u.Elem())
	}
	return false
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isBasicInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "go-agreement-naive:", err)
	os.Exit(2)
}

// load.go — parsing and type-checking the package and building its go/ssa form.
//
// Invariant: the returned package type-checked without errors (the first error is escc's one
// line, exit 2) and its functions are built with debug references (ssa.GlobalDebug), which
// sites.go uses to find the source expression behind each value.
package main

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

type loadedPackage struct {
	fset  *token.FileSet
	files []*ast.File
	info  *types.Info
	ssa   *ssa.Package
}

func loadPackage(paths []string) *loadedPackage {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, path := range paths {
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			fail(list[0].Pos.String(), "%s", list[0].Msg)
		} else if err != nil {
			fail(path, "%v", err)
		}
		files = append(files, file)
	}
	var firstError error
	config := types.Config{
		Importer: importer.ForCompiler(fset, "gc", nil),
		Error: func(err error) {
			if firstError == nil {
				firstError = err
			}
		},
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	name := files[0].Name.Name
	typed, _ := config.Check(name, fset, files, info)
	if typeError, ok := firstError.(types.Error); ok {
		fail(fset.Position(typeError.Pos).String(), "%s", typeError.Msg)
	} else if firstError != nil {
		fail(paths[0], "%v", firstError)
	}
	program := ssa.NewProgram(fset, ssa.GlobalDebug|ssa.BareInits)
	for _, imported := range typed.Imports() {
		createImports(program, imported, map[*types.Package]bool{})
	}
	pkg := program.CreatePackage(typed, files, info, true)
	pkg.Build()
	return &loadedPackage{fset: fset, files: files, info: info, ssa: pkg}
}

// createImports gives go/ssa the imported packages (types only: their code is not lowered).
func createImports(program *ssa.Program, pkg *types.Package, seen map[*types.Package]bool) {
	if seen[pkg] || program.Package(pkg) != nil {
		return
	}
	seen[pkg] = true
	for _, imported := range pkg.Imports() {
		createImports(program, imported, seen)
	}
	program.CreatePackage(pkg, nil, nil, true)
}

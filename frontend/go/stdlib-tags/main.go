// Command stdlib-tags turns gc's `-m` parameter messages on Go's standard library into the
// table frontend/go/stdlib-tags.txt (docs/go.md, "Standard-library tags").
//
// Input (stdin): the output of `go build -gcflags=-m PKG...` — the standard library compiled as
// it is installed (inlining on), so the tags are the ones gc itself reads from the export data
// when it compiles a program that calls these functions. Arguments: the same import
// paths. For every function declared in those packages (for the files go/build selects on this
// machine), it finds each parameter's message by the parameter name's position — gc prints its
// parameter tags at the name — and writes one line:
//
//	<types.Func.FullName()> TAB <tag of receiver> TAB <tag of param 1> ...
//
// A tag is `none` or a comma-joined list of `heap=D` and `resultK=D`, where D is the least
// number of dereferences with which the value reaches the heap or result K:
//
//	p does not escape                      none
//	leaking param: p                       heap=0
//	leaking param content: p               heap=1 (gc prints no level; 1 is the least it means)
//	leaking param: p to result r level=D   resultK=D, K = r's index among the results
//	moved to heap: p                       heap=0 (gc stores p's value in a heap cell), unless
//	                                       p also has a tag line (then the move was of an
//	                                       inlined copy of p in some caller)
//
// Parameters gc prints nothing for carry no pointers or are unnamed (`_`, unused): `none`.
// Generic functions and methods of generic types are left out: gc reports their shapes, whose
// tags may differ per instantiation, so the front end treats them as unknown callees.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// leak is one parameter's least dereference count to the heap and to each result (-1: none).
type leak struct {
	heap    int
	results map[int]int
	tagged  bool // gc printed a tag line (leaking param / does not escape) for it
	moved   bool // gc printed "moved to heap" at its name
}

func (l leak) String() string {
	if l.moved && !l.tagged {
		return "heap=0"
	}
	var parts []string
	if l.heap >= 0 {
		parts = append(parts, fmt.Sprintf("heap=%d", l.heap))
	}
	var ks []int
	for k := range l.results {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("result%d=%d", k, l.results[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

// param is one parameter's position and the function it belongs to.
type param struct {
	fn      *function
	index   int
	results []string // the function's result names as gc spells them (~r0, named results)
}

type function struct {
	fullName string
	leaks    []leak
}

var message = regexp.MustCompile(`^(.*\.go):(\d+):(\d+): (.*)$`)
var toResult = regexp.MustCompile(`^leaking param: (\S+) to result (\S+) level=(\d+)$`)

func main() {
	fset := token.NewFileSet()
	byPos := map[string]param{} // "abs/file.go:line:col" -> parameter
	var functions []*function
	for _, path := range os.Args[1:] {
		pkg, err := build.Import(path, "", 0)
		if err != nil {
			fatal(err)
		}
		for _, name := range pkg.GoFiles {
			file := filepath.Join(pkg.Dir, name)
			f, err := parser.ParseFile(fset, file, nil, 0)
			if err != nil {
				fatal(err)
			}
			for _, decl := range f.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && !generic(fd) {
					if fn := declare(fset, pkg.ImportPath, fd, byPos); fn != nil {
						functions = append(functions, fn)
					}
				}
			}
		}
	}
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		m := message.FindStringSubmatch(scanner.Text())
		if m == nil {
			continue
		}
		file, err := filepath.Abs(m[1])
		if err != nil {
			fatal(err)
		}
		p, ok := byPos[file+":"+m[2]+":"+m[3]]
		if !ok {
			continue
		}
		record(p, m[4])
	}
	if err := scanner.Err(); err != nil {
		fatal(err)
	}
	sort.Slice(functions, func(i, j int) bool { return functions[i].fullName < functions[j].fullName })
	out := bufio.NewWriter(os.Stdout)
	for _, fn := range functions {
		fields := []string{fn.fullName}
		for _, l := range fn.leaks {
			fields = append(fields, l.String())
		}
		fmt.Fprintln(out, strings.Join(fields, "\t"))
	}
	out.Flush()
}

// declare indexes fd's receiver and parameters by position and returns its table entry.
func declare(fset *token.FileSet, pkgPath string, fd *ast.FuncDecl, byPos map[string]param) *function {
	fn := &function{fullName: fullName(pkgPath, fd)}
	var results []string
	if fd.Type.Results != nil {
		for _, field := range fd.Type.Results.List {
			if len(field.Names) == 0 {
				results = append(results, fmt.Sprintf("~r%d", len(results)))
			}
			for _, n := range field.Names {
				if n.Name == "_" {
					results = append(results, fmt.Sprintf("~b%d", len(results)))
				} else {
					results = append(results, n.Name)
				}
			}
		}
	}
	var fields []*ast.Field
	if fd.Recv != nil {
		fields = append(fields, fd.Recv.List...)
	}
	fields = append(fields, fd.Type.Params.List...)
	for _, field := range fields {
		if len(field.Names) == 0 {
			fn.leaks = append(fn.leaks, leak{heap: -1})
		}
		for _, n := range field.Names {
			pos := fset.Position(n.Pos())
			key := pos.Filename + ":" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column)
			byPos[key] = param{fn: fn, index: len(fn.leaks), results: results}
			fn.leaks = append(fn.leaks, leak{heap: -1})
		}
	}
	return fn
}

// record applies one gc message about parameter p.
func record(p param, text string) {
	l := &p.fn.leaks[p.index]
	lower := func(d *int, v int) {
		if *d < 0 || v < *d {
			*d = v
		}
	}
	switch {
	case strings.HasPrefix(text, "moved to heap: "):
		l.moved = true
		return
	case strings.HasPrefix(text, "leaking param") || strings.HasSuffix(text, " does not escape"):
		l.tagged = true
	default:
		return
	}
	switch {
	case strings.HasPrefix(text, "leaking param content: "):
		lower(&l.heap, 1)
	case toResult.MatchString(text):
		m := toResult.FindStringSubmatch(text)
		level, _ := strconv.Atoi(m[3])
		for k, name := range p.results {
			if name == m[2] {
				if l.results == nil {
					l.results = map[int]int{}
				}
				if old, ok := l.results[k]; !ok || level < old {
					l.results[k] = level
				}
				return
			}
		}
		fatal(fmt.Errorf("%s: no result %s", p.fn.fullName, m[2]))
	case strings.HasPrefix(text, "leaking param: "):
		lower(&l.heap, 0)
	}
}

// fullName spells fd's name as go/types' Func.FullName does: pkg/path.F, (pkg/path.T).M,
// (*pkg/path.T).M.
func fullName(pkgPath string, fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return pkgPath + "." + fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := ""
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = "*", s.X
	}
	return "(" + star + pkgPath + "." + t.(*ast.Ident).Name + ")." + fd.Name.Name
}

// generic reports whether fd has type parameters or is a method of a generic type.
func generic(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	_, plain := t.(*ast.Ident)
	return !plain
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "stdlib-tags:", err)
	os.Exit(2)
}

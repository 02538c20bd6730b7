// module.go — the LLVM module being written: the functions to lower (a work list, since
// lowering one function can require another: a closure body, a method wrapper), the
// declarations of everything not lowered, string constants and the final text.
//
// Invariant: every symbol the text references is defined or declared exactly once, and every
// declaration of a function that is not lowered here carries "escc-leak" tags on its pointer
// parameters (runtime.go for runtime/go, stdlib.go for Go's standard library).
package main

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

type module struct {
	pkg          *loadedPackage
	opts         options
	stdlib       stdlibTags
	sizes        types.Sizes
	debug        *debugInfo
	sites        *siteIndex
	definitions  []string          // function definitions, in lowering order
	declarations map[string]string // symbol -> declare line
	globals      []string          // global variable and constant lines
	strings      map[string]string // string constant contents -> global name
	typeDescs    map[string]string // type descriptor key -> global name
	funcValues   map[string]string // function symbol -> its func value global
	byValue      map[string]bool   // closure/free variable index -> captured by value
	queued       map[*ssa.Function]bool
	queue        []*ssa.Function
	extraCount   int // numbers generated symbols (trampolines)
}

func newModule(pkg *loadedPackage, opts options, stdlib stdlibTags) *module {
	m := &module{
		pkg:          pkg,
		opts:         opts,
		stdlib:       stdlib,
		sizes:        types.SizesFor("gc", "amd64"),
		declarations: map[string]string{},
		strings:      map[string]string{},
		typeDescs:    map[string]string{},
		funcValues:   map[string]string{},
		byValue:      map[string]bool{},
		queued:       map[*ssa.Function]bool{},
	}
	m.debug = newDebugInfo(pkg.fset, opts.llvmVersion)
	m.sites = newSiteIndex(pkg)
	return m
}

// compilePackage lowers every function of the package, its methods and whatever they need.
func (m *module) compilePackage() {
	var members []string
	for name := range m.pkg.ssa.Members {
		members = append(members, name)
	}
	sort.Strings(members)
	for _, name := range members {
		switch member := m.pkg.ssa.Members[name].(type) {
		case *ssa.Function:
			if m.lowered(member) {
				m.need(member)
			}
		case *ssa.Global:
			m.globals = append(m.globals, fmt.Sprintf("%s = global %s %s", m.globalName(member),
				m.typ(deref(member.Type())), zeroValue(m.typ(deref(member.Type())))))
		case *ssa.Type:
			for _, t := range []types.Type{member.Type(), types.NewPointer(member.Type())} {
				methods := m.pkg.ssa.Prog.MethodSets.MethodSet(t)
				for i := 0; i < methods.Len(); i++ {
					if fn := m.pkg.ssa.Prog.MethodValue(methods.At(i)); fn != nil && fn.Pkg == m.pkg.ssa {
						m.need(fn)
					}
				}
			}
		}
	}
	for len(m.queue) > 0 {
		fn := m.queue[0]
		m.queue = m.queue[1:]
		m.lowerFunction(fn)
	}
}

// need queues fn for lowering (once).
func (m *module) need(fn *ssa.Function) {
	if !m.queued[fn] {
		m.queued[fn] = true
		m.queue = append(m.queue, fn)
	}
}

// lowered reports whether fn's body is lowered here (this package's code and go/ssa's
// synthetic wrappers around it) rather than declared.
func (m *module) lowered(fn *ssa.Function) bool {
	if fn.Blocks == nil {
		return false // a declaration without a body (assembly), or another package's code
	}
	return fn.Pkg == m.pkg.ssa || (fn.Synthetic != "" && fn.Pkg == nil)
}

// lowerFunction writes fn's definition, or with --skip-unsupported a conservative declaration
// when fn uses a construct this front end does not lower.
func (m *module) lowerFunction(fn *ssa.Function) {
	text, problem := m.tryLowerFunction(fn)
	if problem == nil {
		m.definitions = append(m.definitions, text)
		return
	}
	if !m.opts.skipUnsupported {
		fail(problem.position, "unsupported Go construct: %s", problem.what)
	}
	fmt.Fprintf(os.Stderr, "escc-go: skipped: %s: %s: %s\n", problem.position, gcName(fn), problem.what)
	m.declareConservatively(fn)
}

// unsupported is raised (panic) while lowering a construct the front end does not handle.
type unsupported struct {
	position string
	what     string
}

func (m *module) unsupported(pos token.Pos, fallback token.Pos, format string, args ...interface{}) {
	if !pos.IsValid() {
		pos = fallback
	}
	position := m.pkg.fset.Position(pos).String()
	if !pos.IsValid() {
		position = m.pkg.files[0].Name.Name
	}
	panic(&unsupported{position, fmt.Sprintf(format, args...)})
}

func (m *module) tryLowerFunction(fn *ssa.Function) (text string, problem *unsupported) {
	defer func() {
		if r := recover(); r != nil {
			u, ok := r.(*unsupported)
			if !ok {
				panic(r)
			}
			problem = u
		}
	}()
	return newFunctionLowering(m, fn).lower(), nil
}

// declare records a declaration line for symbol (first one wins).
func (m *module) declare(symbol, line string) {
	if _, ok := m.declarations[symbol]; !ok {
		m.declarations[symbol] = line
	}
}

// stringConstant returns the global holding text's bytes.
func (m *module) stringConstant(text string) string {
	if name, ok := m.strings[text]; ok {
		return name
	}
	name := fmt.Sprintf("@.str.%d", len(m.strings))
	m.strings[text] = name
	m.globals = append(m.globals, fmt.Sprintf("%s = private unnamed_addr constant [%d x i8] c\"%s\", align 1",
		name, len(text)+1, escapeBytes(text+"\x00")))
	return name
}

func escapeBytes(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\%02X", c)
		}
	}
	return b.String()
}

func quote(symbol string) string { return "@\"" + symbol + "\"" }

func (m *module) globalName(g *ssa.Global) string {
	return quote(g.Pkg.Pkg.Path() + "." + g.Name())
}

// text is the whole module.
func (m *module) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "; Generated by escc-go from %s\n", strings.Join(m.opts.files, " "))
	fmt.Fprintf(&b, "source_filename = \"%s\"\n", m.opts.files[0])
	b.WriteString("target datalayout = \"e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128\"\n")
	b.WriteString("target triple = \"x86_64-pc-linux-gnu\"\n\n")
	for _, line := range m.globals {
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	for _, def := range m.definitions {
		b.WriteString(def + "\n")
	}
	var symbols []string
	for symbol := range m.declarations {
		symbols = append(symbols, symbol)
	}
	sort.Strings(symbols)
	for _, symbol := range symbols {
		b.WriteString(m.declarations[symbol] + "\n")
	}
	b.WriteString("\n")
	b.WriteString(m.debug.text())
	return b.String()
}

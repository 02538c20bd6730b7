// sites.go — gc's spelling and position of every allocation site, so escc's report says what
// `go build -gcflags=-m` says: `new(T)`, `&T{...}`, `[]int{...}`, `make([]int, n)`,
// `... argument`, `func literal`, the boxed expression for an interface conversion,
// `string(b)`, `([]byte)(s)`, `s + "x"`.
//
// go/ssa records the source expression behind values (DebugRef, built with ssa.GlobalDebug)
// and positions (Lbrace of a composite literal, Lparen of new/make, Rparen of a variadic
// call); the AST index below maps those positions back to the expressions gc prints.
//
// Invariant: a site always gets a name (the ssa comment when no expression is found) and a
// position inside the package's files whenever go/ssa gave one.
package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

type siteIndex struct {
	info           *types.Info
	callByLparen   map[token.Pos]*ast.CallExpr
	callByRparen   map[token.Pos]*ast.CallExpr
	literalByBrace map[token.Pos]*ast.CompositeLit
	addressOf      map[*ast.CompositeLit]*ast.UnaryExpr // &T{...}
	// switch x := v.(type): x's position -> the positions of the case clauses, in order
	typeSwitchClauses map[token.Pos][]token.Pos
	noescape          map[token.Pos]bool // body-less functions under //go:noescape
}

func newSiteIndex(pkg *loadedPackage) *siteIndex {
	s := &siteIndex{
		info:              pkg.info,
		callByLparen:      map[token.Pos]*ast.CallExpr{},
		callByRparen:      map[token.Pos]*ast.CallExpr{},
		literalByBrace:    map[token.Pos]*ast.CompositeLit{},
		addressOf:         map[*ast.CompositeLit]*ast.UnaryExpr{},
		typeSwitchClauses: map[token.Pos][]token.Pos{},
		noescape:          map[token.Pos]bool{},
	}
	for _, file := range pkg.files {
		ast.Inspect(file, func(node ast.Node) bool {
			switch n := node.(type) {
			case *ast.CallExpr:
				s.callByLparen[n.Lparen] = n
				s.callByRparen[n.Rparen] = n
			case *ast.CompositeLit:
				s.literalByBrace[n.Lbrace] = n
			case *ast.UnaryExpr:
				if lit, ok := unparen(n.X).(*ast.CompositeLit); ok && n.Op == token.AND {
					s.addressOf[lit] = n
				}
			case *ast.TypeSwitchStmt:
				if assign, ok := n.Assign.(*ast.AssignStmt); ok && len(assign.Lhs) == 1 {
					for _, clause := range n.Body.List {
						s.typeSwitchClauses[assign.Lhs[0].Pos()] = append(s.typeSwitchClauses[assign.Lhs[0].Pos()], clause.Pos())
					}
				}
			}
			return true
		})
		s.findNoescape(file)
	}
	return s
}

// findNoescape records the body-less functions a //go:noescape comment applies to: gc applies
// the pragma to the next declaration, even across blank lines.
func (s *siteIndex) findNoescape(file *ast.File) {
	var pragmas []token.Pos
	for _, group := range file.Comments {
		for _, comment := range group.List {
			if strings.HasPrefix(comment.Text, "//go:noescape") {
				pragmas = append(pragmas, comment.Pos())
			}
		}
	}
	previous := token.NoPos
	for _, decl := range file.Decls {
		for _, pragma := range pragmas {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body == nil && pragma > previous && pragma < decl.Pos() {
				s.noescape[fn.Name.Pos()] = true
			}
		}
		previous = decl.End()
	}
}

// gcExpr spells an expression the way gc's -m output does.
func gcExpr(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return gcExpr(e.X)
	case *ast.CompositeLit:
		typ := ""
		if e.Type != nil {
			typ = types.ExprString(e.Type)
		}
		if len(e.Elts) == 0 {
			return typ + "{}"
		}
		return typ + "{...}"
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return "&" + gcExpr(e.X)
		}
	case *ast.FuncLit:
		return "func literal"
	case *ast.StarExpr:
		if _, nested := unparen(e.X).(*ast.StarExpr); nested {
			return "*(" + gcExpr(e.X) + ")" // gc parenthesises a dereference of a dereference
		}
	case *ast.CallExpr:
		switch fun := unparen(e.Fun).(type) {
		case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StarExpr:
			if len(e.Args) == 1 { // a conversion to a composite type: gc parenthesises it
				return "(" + types.ExprString(fun) + ")(" + gcExpr(e.Args[0]) + ")"
			}
		}
	}
	return strings.ReplaceAll(types.ExprString(e), "…", "...")
}

// allocSite names an Alloc that is an allocation site rather than a named variable.
func (s *siteIndex) allocSite(alloc *ssa.Alloc) (string, token.Pos) {
	pos := alloc.Pos()
	switch alloc.Comment {
	case "new":
		if call := s.callByLparen[pos]; call != nil && len(call.Args) == 1 {
			return "new(" + types.ExprString(call.Args[0]) + ")", call.Lparen
		}
	case "complit", "slicelit":
		if lit := s.literalByBrace[pos]; lit != nil {
			if address := s.addressOf[lit]; address != nil {
				return "&" + gcExpr(lit), address.Pos()
			}
			return gcExpr(lit), lit.Lbrace
		}
	case "makeslice":
		if call := s.callByLparen[pos]; call != nil {
			return gcExpr(call), call.Lparen
		}
	case "varargs":
		if call := s.callByRparen[pos]; call != nil {
			return "... argument", call.Lparen
		}
		return "... argument", pos
	}
	return alloc.Comment, pos
}

// isTemporary: go/ssa Allocs that are not allocations in gc, so escc reports nothing for them
// (an alloca without a declare): go/ssa's unnamed scratch Allocs, a composite literal used as a value (`T{a, b}` passed or
// returned by value; `&T{...}` and a literal of pointer type elided inside another are real
// sites), and the array of append's variadic arguments (gc's append takes them directly).
func (s *siteIndex) isTemporary(alloc *ssa.Alloc) bool {
	switch alloc.Comment {
	case "": // go/ssa's own scratch space (a zero value being built)
		return true
	case "complit":
		lit := s.literalByBrace[alloc.Pos()]
		if lit == nil || s.addressOf[lit] != nil {
			return false
		}
		_, pointer := s.info.TypeOf(lit).Underlying().(*types.Pointer)
		return !pointer
	case "varargs":
		for _, ref := range *alloc.Referrers() {
			if slice, ok := ref.(*ssa.Slice); ok {
				for _, use := range *slice.Referrers() {
					if call, ok := use.(*ssa.Call); ok {
						if builtin, ok := call.Call.Value.(*ssa.Builtin); ok && builtin.Name() == "append" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// runTimeCount: for make([]T, n) whose capacity is not a Go constant expression but
// which go/ssa folded to a constant Alloc (n := 32; make([]int, n)), the element count as an
// LLVM operand, so the front end emits the dynamic allocation gc sees ("non-constant size");
// "" otherwise.
func (s *siteIndex) runTimeCount(alloc *ssa.Alloc) string {
	if alloc.Comment != "makeslice" {
		return ""
	}
	call := s.callByLparen[alloc.Pos()]
	if call == nil {
		return ""
	}
	capacity := call.Args[len(call.Args)-1] // gc sizes the array by the capacity
	if tv, ok := s.info.Types[capacity]; ok && tv.Value == nil {
		return fmt.Sprint(deref(alloc.Type()).Underlying().(*types.Array).Len())
	}
	return ""
}

// isSiteComment tells allocation sites from named variables among go/ssa's Allocs.
func isSiteComment(comment string) bool {
	switch comment {
	case "new", "complit", "slicelit", "makeslice", "varargs", "":
		return true
	}
	return false
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// valueSite names an implicit allocation made by instruction v (an interface box, a closure
// context, a conversion, a concatenation, a map): the expression go/ssa says v (or, for an
// interface box, the boxed operand) comes from, at gc's position for it.
func (f *functionLowering) valueSite(v ssa.Value, operand ssa.Value, fallback string) (string, token.Pos) {
	if operand == nil {
		if exprs := f.sourceExprs[v]; len(exprs) > 0 {
			return gcExpr(exprs[0]), gcPos(exprs[0])
		}
		return fallback, v.Pos()
	}
	use := f.usePosition(v)
	pos := f.variadicCall(v)
	if expr := f.sourceExprBefore(operand, use); expr != nil {
		if !pos.IsValid() {
			pos = gcPos(expr)
			if f.m.pkg.fset.Position(pos).Line != f.m.pkg.fset.Position(use).Line && use.IsValid() {
				pos = use
			}
		}
		return gcExpr(expr), pos
	}
	if !pos.IsValid() {
		pos = use
	}
	if c, ok := operand.(*ssa.Const); ok && c.Value != nil {
		return c.Value.ExactString(), pos
	}
	return fallback, pos
}

// sourceExprBefore is the last expression of v that starts on pos's line or before (the one a
// conversion at pos converts: `s1` rather than the `s[0:1]` assigned to it earlier).
func (f *functionLowering) sourceExprBefore(v ssa.Value, pos token.Pos) ast.Expr {
	line := func(p token.Pos) int { return f.m.pkg.fset.Position(p).Line }
	var chosen ast.Expr
	for _, expr := range f.sourceExprs[v] {
		if chosen == nil || (pos.IsValid() && line(expr.Pos()) <= line(pos) && expr.Pos() > chosen.Pos()) {
			chosen = expr
		}
	}
	return chosen
}

// gcPos is the column gc reports an expression at: a composite literal's brace, a binary
// operator, a call's parenthesis, the & of &T{...}.
func gcPos(e ast.Expr) token.Pos {
	switch e := unparen(e).(type) {
	case *ast.CompositeLit:
		return e.Lbrace
	case *ast.BinaryExpr:
		return e.OpPos
	case *ast.CallExpr:
		return e.Lparen
	}
	return e.Pos()
}

// variadicCall: gc reports a value boxed into a variadic argument list (fmt.Println(x)) at
// the call; NoPos when v is not stored into a `... argument` array.
func (f *functionLowering) variadicCall(v ssa.Value) token.Pos {
	if refs := v.Referrers(); refs != nil {
		for _, ref := range *refs {
			if store, ok := ref.(*ssa.Store); ok {
				if element, ok := store.Addr.(*ssa.IndexAddr); ok {
					if array, ok := element.X.(*ssa.Alloc); ok && array.Comment == "varargs" {
						_, pos := f.m.sites.allocSite(array)
						return pos
					}
				}
			}
		}
	}
	return token.NoPos
}

// usePosition: otherwise gc reports an implicit conversion at the statement or call that
// needs it.
func (f *functionLowering) usePosition(v ssa.Value) token.Pos {
	if v.Pos().IsValid() {
		return v.Pos()
	}
	if refs := v.Referrers(); refs != nil {
		for _, ref := range *refs {
			if ref.Pos().IsValid() {
				return ref.Pos()
			}
		}
	}
	return f.pos
}

// variablePosition is where gc reports a named variable: its declaration, except for the
// variable of a type switch (x in switch x := v.(type)), which gc declares once per case
// clause, at the clause.
func (s *siteIndex) variablePosition(alloc *ssa.Alloc) token.Pos {
	clauses := s.typeSwitchClauses[alloc.Pos()]
	if len(clauses) == 0 {
		return alloc.Pos()
	}
	last := token.NoPos // the last use lies in the clause's body
	for _, ref := range *alloc.Referrers() {
		if pos := ref.Pos(); pos.IsValid() && pos > last {
			last = pos
		}
	}
	chosen := alloc.Pos()
	for _, clause := range clauses {
		if last.IsValid() && clause <= last {
			chosen = clause
		}
	}
	return chosen
}

// direct-interface.go — a struct of one pointer and an array of one pointer are held in an
// interface's data word itself, as in gc (no box): method calls, assertions and comparison.
package main

type M interface{ M() int }

type M0 struct{ p *int }

func (m M0) M() int { return *m.p }

type A [1]*int

func (a A) M() int { return *a[0] + 1 }

func main() {
	i := 41
	var x M = M0{&i}
	println(x.M())
	v, ok := x.(M0)
	println(*v.p, ok)
	var y interface{} = A{&i}
	println(y.(M).M(), y == y)
	_, bad := y.(M0)
	println(bad)
}

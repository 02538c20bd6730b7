// shapes.go — an interface with two implementations, method calls through it, a type switch,
// and interface boxing of values (the boxes escape through the interface calls, as in gc).
package main

type shape interface {
	area() int
	name() string
}

type rect struct{ w, h int }
type square struct{ side int }

func (r rect) area() int      { return r.w * r.h }
func (r rect) name() string   { return "rect" }
func (s *square) area() int   { return s.side * s.side }
func (s *square) name() string { return "square" }

func total(shapes []shape) int {
	sum := 0
	for _, s := range shapes {
		sum += s.area()
	}
	return sum
}

func describe(v interface{}) string {
	switch x := v.(type) {
	case int:
		if x > 100 {
			return "big int"
		}
		return "int"
	case string:
		return "string " + x
	case shape:
		return "shape " + x.name()
	}
	return "unknown"
}

func main() {
	shapes := []shape{rect{2, 3}, &square{4}}
	println("total area:", total(shapes))
	for _, s := range shapes {
		println(s.name(), s.area())
	}
	println(describe(7), describe(700), describe("go"), describe(rect{1, 1}))
}

// Course exercise 5 (course/exercise5/README.md): predict gc's -m lines. Do not change this file.
package main

type point struct{ x, y int }

var keep *point

func newPoint(x, y int) *point {
	p := point{x, y}
	return &p
}

func sum(ps []*point) int {
	total := 0
	for _, p := range ps {
		total += p.x + p.y
	}
	return total
}

func remember(p *point) { keep = p }

func first(pp **point) *point { return *pp }

func local() int {
	a := point{1, 2}
	b := point{3, 4}
	return sum([]*point{&a, &b})
}

func stored() {
	c := point{5, 6}
	remember(&c)
}

func main() {
	println(newPoint(1, 2).x, local())
	stored()
	q := newPoint(7, 8)
	println(first(&q).y)
}

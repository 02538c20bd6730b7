// pointers.go — a slice of pointers: the pointed-to values escape because append stores them
// in a heap array; a pointer used only locally does not.
package main

type point struct{ x, y int }

func collect(n int) []*point {
	var points []*point
	for i := 0; i < n; i++ {
		p := point{i, i * i}
		points = append(points, &p)
	}
	return points
}

func norm1(p *point) int {
	x, y := p.x, p.y
	if x < 0 {
		x = -x
	}
	if y < 0 {
		y = -y
	}
	return x + y
}

func main() {
	points := collect(5)
	sum := 0
	for _, p := range points {
		sum += norm1(p)
	}
	local := point{-3, 4}
	println("sum:", sum, "local:", norm1(&local), "len:", len(points), "cap:", cap(points))
}

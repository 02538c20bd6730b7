package p

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func scaled(k int) func(int) int {
	return func(v int) int { return v * k }
}

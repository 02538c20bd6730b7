package p

func escape(n int) *int {
	x := n
	return &x
}

func loop(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		v := i
		p := &v
		total += *p
	}
	return total
}

func sites() (*int, *[2]int) {
	return new(int), &[2]int{1, 2}
}

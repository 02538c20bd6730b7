package p

func index(s []int, i int) int { return s[i] }

func grow(s []*int, p *int) []*int { return append(s, p) }

func sized(n int) []int { return make([]int, n) }

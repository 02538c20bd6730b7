package p

import "fmt"

func m(k string, v *int) map[string]*int {
	m := map[string]*int{}
	m[k] = v
	return m
}

func deferred(p *int) {
	defer println(*p)
	*p = 1
}

func spawn(c chan *int, p *int) {
	go func() { c <- p }()
}

func printf(x int) (n int, err error) {
	return fmt.Println(x)
}

package main

func main() {
	p := newCounter()
	p.add(2)
	println(p.n)
}

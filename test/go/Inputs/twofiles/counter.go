package main

type counter struct{ n int }

func newCounter() *counter {
	c := counter{}
	return &c
}

func (c *counter) add(k int) { c.n += k }

// A small input for go-agreement.test: two functions escc lowers and agrees on with gc, one the
// front end skips (recover is not supported), whose messages count as gc-only.
package p

var sink *int

func leak(p *int) { sink = p }

func keep(p *int) int { return *p }

func skipped(p *int) (r int) {
	defer func() { recover() }()
	x := 1
	sink = &x
	return *p
}

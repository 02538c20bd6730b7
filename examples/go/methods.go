// methods.go — methods with value and pointer receivers on a struct: a pointer receiver that
// is only read does not escape; one whose address is stored in a field of the result does.
package main

type account struct {
	owner   string
	balance int
}

type ledger struct {
	last *account
}

func (a *account) deposit(amount int) { a.balance += amount }

func (a account) report() int { return a.balance }

func (l *ledger) record(a *account) { l.last = a }

func open(owner string) *account {
	a := account{owner: owner}
	return &a
}

func main() {
	a := open("ann")
	a.deposit(40)
	a.deposit(2)
	var l ledger
	b := account{owner: "bob", balance: 7}
	l.record(&b)
	println(a.owner, a.report(), l.last.owner, l.last.report())
}

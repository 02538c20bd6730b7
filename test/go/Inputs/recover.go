package main

func safe() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return true
}

func main() { println(safe()) }

package p

type T struct{ n int }

func (t T) Get() int { return t.n }

type Getter interface{ Get() int }

func box(t T) Getter { return t }

func call(g Getter) int { return g.Get() }

func kind(v interface{}) bool {
	_, ok := v.(T)
	return ok
}

// A struct passed by value whose field is only read: nothing of the caller's leaks (the text
// report prints no leak, and the location graph draws no leak either). `keep` leaks its pointer.
struct big {
  long a[8];
};
long look(struct big b) {
  long *p = &b.a[2];
  return *p;
}
long *kept;
void keep(long *q) { kept = q; }

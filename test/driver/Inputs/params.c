/* Parameters of every leak kind: to the result, to the heap, and both. */
int *keep;

int *identity(int *p) { return p; }

void remember(int *q) { keep = q; }

int *remember_and_return(int *r) {
  keep = r;
  return r;
}

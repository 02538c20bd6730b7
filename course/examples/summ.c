int *sink;
void store_it(int *p) { sink = p; }
int *pass_back(int *q) { return q; }
int caller(void) {
  int a = 1, b = 2;
  int *r = pass_back(&b); /* r = &b, but r is only dereferenced */
  store_it(&a);           /* a reaches the global */
  return *r;
}

struct three {
  int a, b, c;
};
int middle(struct three t) {
  int *p = &t.b;
  return *p;
}

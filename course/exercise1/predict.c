// Course exercise 1: predict the report. Do not change this file.
int *keep;

int *identity(int *p) { return p; }

int twice(const int *v) { return 2 * *v; }

int local_only(void) {
  int y = 3;
  return *identity(&y) + twice(&y);
}

int *returned_through(void) {
  int z = 4;
  return identity(&z);
}

void publish(int **out) {
  int x = 5;
  int w = 6;
  keep = &w;
  *out = &x;
}

int *first(int **list) { return list[0]; }

/* Calls the functions its host exports: sum reads the pair, remember keeps `local`. */
int sum(const int *values, int count);
void remember(int *value);
int recall(void);

static void store(void) {
  int local = 7;
  remember(&local);
}

int run(void) {
  int pair[2] = {3, 4};
  store();
  return sum(pair, 2) + recall();
}

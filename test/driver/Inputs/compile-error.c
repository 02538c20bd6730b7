/* A C compile error: clang's diagnostics pass through, escc exits 1. */
int main(void) {
  return undeclared;
}

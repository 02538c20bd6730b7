/* A second definition of sum: linked only with --allow-multiple-definition, which the bitcode
 * linker does not have, so the link falls back to the per-file objects. */
int sum(const int *values, int count) {
  int total = 0;
  while (count-- > 0)
    total += *values++;
  return total;
}

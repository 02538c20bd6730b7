#!/bin/bash
# reduce.sh FAIL-DIR — shrink a kept csmith failure with creduce (issue 5, item 1).
#
# FAIL-DIR is what csmith-one.sh keeps (fail-SEED/ with p.c and a README whose first line
# names the failing configuration, e.g. "fail-all-O2-mismatch"). Writes an interestingness
# test next to it and runs creduce on a copy of p.c; the result is FAIL-DIR/reduced.c. A
# candidate is interesting when
#   - plain clang builds it at -O0 and -O2 without warnings that signal undefined behaviour,
#     an ASan+UBSan build of it runs clean, and the plain builds agree (so the program is
#     still well defined: creduce must not wander into undefined behaviour), and
#   - the failing escc configuration still fails the same way (different output, a crash,
#     or a failed build).
set -eu
. "$(dirname "$0")/lib.sh"
kept=$(cd "${1:?usage: reduce.sh FAIL-DIR}" && pwd)
torture_need creduce "$ESCC_CLANG" "$ESCC_PLUGIN" "$ESCC_RUNTIME"
config=$(head -1 "$kept/README" | awk '{print $4}') # fail-MODE-OL[-default]-WHY
mode=$(echo "$config" | cut -d- -f2)
level=$(echo "$config" | cut -d- -f3 | tr -d O)
why=${config##*-}
promote=""
[ "$mode" = all ] && promote=promote-all
# The run settings of the failing configuration: escrt's defaults or a collection every
# CSMITH_GC_STRESS allocations.
run_settings="ESC_GC_STRESS=${CSMITH_GC_STRESS:-1}"
case $config in *-default-*) run_settings="" ;; esac
csmith_include=${CSMITH_INCLUDE:-/usr/include/csmith}

cat >"$kept/interesting.sh" <<EOF
#!/bin/bash
# interestingness test for creduce (scripts/torture/reduce.sh); cheap checks first
cflags="-I$csmith_include -w"
clang=$ESCC_CLANG
# 1. plain -O0 build without the warnings that signal undefined behaviour, and its output
\$clang -O0 -I$csmith_include -Wall -Werror=uninitialized -Werror=return-type \\
  -Werror=implicit-int -Werror=implicit-function-declaration -Werror=int-conversion \\
  -Werror=incompatible-pointer-types -Werror=return-stack-address p.c -o plain0 \\
  >/dev/null 2>&1 || exit 1
timeout 5 ./plain0 >plain0.out 2>/dev/null || exit 1
# 2. the escc configuration still fails the same way
if ESCC_PROMOTE=$promote timeout 60 \$clang -O$level \$cflags -fpass-plugin=$ESCC_PLUGIN p.c \\
  $ESCC_RUNTIME -lpthread -o escc >/dev/null 2>&1; then
  [ "$why" = build ] && exit 1
  # A collector bug may depend on addresses (ASLR): three tries, interesting when one fails.
  failed=no
  for try in 1 2 3; do
    { env $run_settings timeout 30 ./escc >escc.out 2>/dev/null; } 2>/dev/null
    status=\$?
    case "$why" in
      mismatch) [ \$status = 0 ] && ! cmp -s plain0.out escc.out && failed=yes ;;
      status) [ \$status != 0 ] && [ \$status != 124 ] && failed=yes ;;
      timeout) [ \$status = 124 ] && failed=yes ;;
    esac
    [ \$failed = yes ] && break
  done
  [ \$failed = yes ] || exit 1
else
  [ "$why" = build ] || exit 1
fi
# 3. still well defined: plain -O2 and an ASan+UBSan build agree with plain -O0
\$clang -O2 \$cflags p.c -o plain2 >/dev/null 2>&1 || exit 1
timeout 5 ./plain2 >plain2.out 2>/dev/null && cmp -s plain0.out plain2.out || exit 1
\$clang -O1 \$cflags -fsanitize=address,undefined -fno-sanitize-recover=all p.c -o sanitized \\
  >/dev/null 2>&1 || exit 1
timeout 10 ./sanitized >sanitized.out 2>/dev/null && cmp -s plain0.out sanitized.out
EOF
chmod +x "$kept/interesting.sh"
reduce=$kept/reduce
rm -rf "$reduce"
mkdir -p "$reduce"
cp "$kept/p.c" "$reduce/p.c"
# csmith.h must be visible to the reduced file too: creduce copies only p.c into its temp dir.
(cd "$reduce" && "$kept/interesting.sh") || {
  echo "reduce: $kept: the failure does not reproduce" >&2
  exit 1
}
(cd "$reduce" && creduce --n "$(torture_jobs)" "$kept/interesting.sh" p.c >"$kept/creduce.log" 2>&1)
cp "$reduce/p.c" "$kept/reduced.c"
echo "reduce: $kept/reduced.c ($(wc -l <"$kept/reduced.c") lines)"

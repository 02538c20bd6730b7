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
config=$(head -1 "$kept/README" | awk '{print $4}') # fail-MODE-OL-WHY
mode=$(echo "$config" | cut -d- -f2)
level=$(echo "$config" | cut -d- -f3 | tr -d O)
why=$(echo "$config" | cut -d- -f4)
promote=""
[ "$mode" = all ] && promote=all
stress=${CSMITH_GC_STRESS:-1}
csmith_include=${CSMITH_INCLUDE:-/usr/include/csmith}

cat >"$kept/interesting.sh" <<EOF
#!/bin/bash
# interestingness test for creduce: see scripts/torture/reduce.sh
cflags="-I$csmith_include -w"
clang=$ESCC_CLANG
$ESCC_CLANG -O0 -I$csmith_include -Wall -Werror=uninitialized -Werror=return-type \\
  -Werror=implicit-int -Werror=implicit-function-declaration -Werror=int-conversion \\
  -Werror=incompatible-pointer-types -Werror=return-stack-address p.c -o plain0 2>/dev/null || exit 1
\$clang -O2 \$cflags p.c -o plain2 || exit 1
\$clang -O1 -g \$cflags -fsanitize=address,undefined -fno-sanitize-recover=all p.c -o sanitized || exit 1
timeout 5 ./sanitized >sanitized.out 2>/dev/null || exit 1
timeout 5 ./plain0 >plain0.out 2>/dev/null || exit 1
timeout 5 ./plain2 >plain2.out 2>/dev/null || exit 1
cmp -s plain0.out plain2.out || exit 1
cmp -s plain0.out sanitized.out || exit 1
if ! ESCC_PROMOTE=$promote timeout 60 \$clang -O$level \$cflags -fpass-plugin=$ESCC_PLUGIN p.c \\
  $ESCC_RUNTIME -lpthread -o escc 2>/dev/null; then
  [ "$why" = build ] && exit 0
  exit 1
fi
[ "$why" = build ] && exit 1
ESC_GC_STRESS=$stress timeout 30 ./escc >escc.out 2>/dev/null
status=\$?
case "$why" in
  mismatch) [ \$status = 0 ] && ! cmp -s plain0.out escc.out ;;
  status) [ \$status != 0 ] && [ \$status != 124 ] ;;
  timeout) [ \$status = 124 ] ;;
  *) exit 1 ;;
esac
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

#!/bin/bash
# csmith-one.sh SEED — one csmith differential test; prints one line "SEED STATUS SECONDS DETAIL".
#
# Generates the program for SEED, builds it with plain clang at every level of CSMITH_LEVELS
# (reference) and with the plugin in both modes (normal analysis, ESCC_PROMOTE=promote-all) at the same
# levels, runs each plugin build twice under a timeout — with escrt's default settings (thread
# caches, growth policy) and with ESC_GC_STRESS=$CSMITH_GC_STRESS — and compares output and exit
# status with the plain build of the same level.
# STATUS is one of
#   pass            every escc build printed what plain clang's did
#   skip-WHY        the reference is unusable (plain build failed, timed out, crashed, or the
#                   plain -O0 and -O2 builds disagree: undefined behaviour in the program)
#   fail-CONFIG-WHY an escc build failed (build), crashed or exited differently (status), printed
#                   another checksum (mismatch) or hung (timeout); CONFIG is e.g. all-O2
# A failing program is kept in $TORTURE_OUT/csmith/fail-SEED/ with its outputs and a README
# that gives the commands to reproduce it.
set -u
. "$(dirname "$0")/lib.sh"

seed=$1
levels=${CSMITH_LEVELS:-"0 2"}
stress=${CSMITH_GC_STRESS:-1}
run_timeout=${CSMITH_TIMEOUT:-2}          # seconds for a plain run (longer ones are skipped)
escc_timeout=${CSMITH_ESCC_TIMEOUT:-300}  # seconds per escc run (seed 6226 needs 140 s under GC stress)
build_timeout=${CSMITH_BUILD_TIMEOUT:-120}
csmith_include=${CSMITH_INCLUDE:-/usr/include/csmith}
work=$TORTURE_OUT/csmith/work/$seed
start=$(date +%s.%N)

finish() { # finish STATUS DETAIL
  local end
  end=$(date +%s.%N)
  printf "%s %s %.2f %s\n" "$seed" "$1" "$(awk "BEGIN{print $end - $start}")" "${2:-}"
  case $1 in
    fail-*) keep "$1" "${2:-}" ;;
    *) rm -rf "$work" ;;
  esac
  exit 0
}

keep() { # keep STATUS DETAIL — move the work directory to fail-SEED with a README
  local kept=$TORTURE_OUT/csmith/fail-$seed
  rm -rf "$kept"
  mv "$work" "$kept"
  {
    echo "csmith seed $seed: $1 $2"
    echo "csmith: $(csmith --version 2>&1 | head -1)"
    echo "reproduce:"
    echo "  csmith --seed $seed > p.c"
    echo "  $ESCC_CLANG -O<L> -w -I$csmith_include p.c -o plain && ./plain"
    echo "  (ESCC_PROMOTE=promote-all for the all- configurations, ESC_GC_STRESS for those without -default)"
    echo "  [ESCC_PROMOTE=promote-all] $ESCC_CLANG -O<L> -w -I$csmith_include -fpass-plugin=$ESCC_PLUGIN" \
      "p.c $ESCC_RUNTIME -lpthread -o escc && [ESC_GC_STRESS=$stress] ./escc"
    echo "reduce: scripts/torture/reduce.sh $kept"
  } >"$kept/README"
}

mkdir -p "$work" && cd "$work" || exit 1
if ! csmith --seed "$seed" >p.c 2>csmith.err; then
  finish skip-generate
fi
cflags=(-w -I"$csmith_include")

# run PROGRAM RUN TIMEOUT [ENV...] — run ./PROGRAM, leave stdout in RUN.out and the status in
# RUN.rc.
run() {
  local program=$1 name=$2 limit=$3
  shift 3
  # The braces keep bash's "Killed" job notice out of the results.
  { env "$@" timeout -s KILL "$limit" "./$program" >"$name.out" 2>"$name.err"; } 2>/dev/null
  echo $? >"$name.rc"
}

# check_run PROGRAM RUN TIMEOUT [ENV...] — run an escc build and fail the seed unless it exited
# 0 and printed the reference output.
check_run() {
  local name=$2 limit=$3 rc
  run "$@"
  rc=$(cat "$name.rc")
  [ "$rc" = 137 ] && finish "fail-$name-timeout" "after ${limit}s"
  [ "$rc" = 0 ] || finish "fail-$name-status" "exit $rc: $(head -c 200 "$name.err" | tr '\n' ' ')"
  cmp -s "$reference" "$name.out" ||
    finish "fail-$name-mismatch" "$(tr '\n' ' ' <"$name.out") vs $(tr '\n' ' ' <"$reference")"
}

reference=""
for level in $levels; do
  if ! timeout -s KILL "$build_timeout" "$ESCC_CLANG" -O"$level" "${cflags[@]}" p.c \
    -o "plain-O$level" 2>"plain-O$level.build"; then
    finish skip-plain-build "O$level"
  fi
  run "plain-O$level" "plain-O$level" "$run_timeout"
  rc=$(cat "plain-O$level.rc")
  [ "$rc" = 137 ] && finish skip-plain-timeout "O$level"
  [ "$rc" = 0 ] || finish skip-plain-crash "O$level status $rc"
  grep -q '^checksum = ' "plain-O$level.out" || finish skip-plain-output "O$level"
  if [ -z "$reference" ]; then
    reference=plain-O$level.out
  elif ! cmp -s "$reference" "plain-O$level.out"; then
    finish skip-plain-disagree "O$level"
  fi
done

for mode in normal all; do
  promote=""
  [ "$mode" = all ] && promote=promote-all
  for level in $levels; do
    name=$mode-O$level
    if ! ESCC_PROMOTE=$promote timeout -s KILL "$build_timeout" "$ESCC_CLANG" -O"$level" \
      "${cflags[@]}" -fpass-plugin="$ESCC_PLUGIN" p.c "$ESCC_RUNTIME" -lpthread -o "$name" \
      2>"$name.build"; then
      finish "fail-$name-build" "$(head -c 300 "$name.build" | tr '\n' ' ')"
    fi
    # Default settings first: the thread caches and the growth policy are what programs run
    # with, and stress mode bypasses the caches. Then a collection every $stress allocations.
    check_run "$name" "$name-default" "$escc_timeout"
    check_run "$name" "$name" "$escc_timeout" ESC_GC_STRESS="$stress"
  done
done
finish pass

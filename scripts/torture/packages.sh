# packages.sh — real Debian packages built with a given C compiler (sourced by bash, not run).
#
# Shared by scripts/torture/package.sh (a package's test suite with and without escc, under GC
# stress) and bench/programs/run.sh (the same packages timed in several build variants). It owns
# what is specific to each package; the callers own what they compare and measure:
#   package_fetch PACKAGE WORK LOG      apt-get source into WORK (adds a deb-src entry for
#                                       bookworm main and installs what the package's build and
#                                       tests need); prints the source tree's path
#   package_build PACKAGE SOURCE TREE LOG_PREFIX CC   copies SOURCE to TREE, configures with
#                                       CC and CFLAGS="-O2 -g", makes
#   package_results PACKAGE TREE LOG [VAR=value...]   runs the package's own test suite in TREE
#                                       (environment VAR=value...), prints its results: the same
#                                       text for two builds means the same tests passed and failed;
#                                       with PACKAGE_CHECK_TIME=FILE, the suite runs under
#                                       /usr/bin/time, which writes "wall user system maxrss-KB"
#                                       to FILE
#   package_program PACKAGE TREE        sets program=(command line of one CPU-bound program)
#   package_copy_escc BUILD DEST        a private copy of BUILD's escc and escrt in DEST/bin, lib
# Packages: gawk 5.2.1 (ships its generated parser; locales-all for its locale tests) and jq 1.6
# (autoreconf'ed once after apt-get source: autoconf, automake, libtool; libonig-dev for its
# regular expressions; rake and ruby-ronn, with which tests/mantest extracts the manual's
# examples — without them it runs none; built --disable-shared, so the jq binary holds all of
# jq's code).
# Invariant: every build of one package is configured and made from the same tree with the same
# flags; only CC differs.
# shellcheck shell=bash

package_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

package_apt_install() { # package_apt_install DEB... — installs those not installed yet
  local needed
  for needed in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$needed" 2>/dev/null | grep -q 'ok installed'; then
      package_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "$needed" >/dev/null || return 1
    fi
  done
}

package_fetch() {
  local package=$1 work=$2 log=$3 source_dir
  if ! apt-cache showsrc "$package" 2>/dev/null | grep -q '^Package:'; then
    echo "package: adding a deb-src entry for bookworm main" \
      "(/etc/apt/sources.list.d/escc-deb-src.sources)" >&2
    printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm' \
      'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
      package_as_root tee /etc/apt/sources.list.d/escc-deb-src.sources >/dev/null
    package_as_root apt-get update -qq >/dev/null || return 1
  fi
  package_apt_install dpkg-dev || return 1 # dpkg-source, for apt-get source
  case $package in
  gawk) package_apt_install locales-all || return 1 ;;
  jq) package_apt_install autoconf automake libtool libonig-dev rake ruby-ronn || return 1 ;;
  esac
  (cd "$work" && apt-get source -qq "$package" >"$log" 2>&1) || return 1
  source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$package-*" | head -1)
  [ -n "$source_dir" ] || return 1
  if [ "$package" = jq ]; then # jq's tree has no configure script
    (cd "$source_dir" && autoreconf -fi >>"$log" 2>&1) || return 1
  fi
  echo "$source_dir"
}

package_build() {
  local package=$1 source_dir=$2 tree=$3 log=$4 cc=$5
  local -a options=()
  case $package in
  jq) options=(--disable-shared --disable-maintainer-mode --disable-valgrind --disable-docs
    --with-oniguruma=yes) ;;
  esac
  rm -rf "$tree"
  cp -a "$source_dir" "$tree"
  (
    cd "$tree" || exit 1
    ./configure CC="$cc" CFLAGS="-O2 -g" "${options[@]}" >"$log-configure.log" 2>&1 || exit 1
    if [ "$package" = gawk ]; then
      # As debian/rules does: Debian strips the GFDL manual sources, make must not rebuild them.
      touch --date="Jan 01 2000" doc/gawktexi.in doc/sidebar.awk doc/gawk.texi doc/gawk.info \
        doc/gawkinet.texi doc/gawkinet.info doc/gawkworkflow.texi doc/gawkworkflow.info \
        doc/pm-gawk.texi doc/pm-gawk.info 2>/dev/null
    fi
    make -j"$(torture_jobs)" >"$log-make.log" 2>&1
  )
}

package_results() {
  local package=$1 tree=$2 log=$3
  local -a timer=()
  shift 3
  [ -z "${PACKAGE_CHECK_TIME:-}" ] ||
    timer=(/usr/bin/time -f '%e %U %S %M' -o "$PACKAGE_CHECK_TIME")
  case $package in
  gawk) # the failed tests are the _NAME files gawk's test suite leaves
    (cd "$tree" && rm -f test/_* && env "$@" "${timer[@]}" make check >"$log" 2>&1)
    echo "tests: $(grep -cE '^[A-Za-z0-9_.+-]+$' "$log")"
    (cd "$tree/test" && ls _* 2>/dev/null | sed 's/^_/failed: /' | sort)
    ;;
  jq) # automake's verdict per test script, and each script's count of passed tests
    (cd "$tree" && rm -f tests/*.log tests/*.trs && env "$@" "${timer[@]}" make check >"$log" 2>&1)
    grep -E '^(PASS|FAIL|XFAIL|XPASS|ERROR|SKIP): ' "$log" | sort
    (cd "$tree" && grep -H 'tests passed' tests/*.log | sort)
    ;;
  esac
}

# package_program PACKAGE TREE — sets the array program to the command line of one CPU-bound
# program of the package (what the benchmarks time alone). gawk: sprintf, associative arrays and
# a regular expression; jq: objects built, filtered by a regular expression and grouped. Each
# takes about a second on this machine with plain clang.
package_program() {
  case $1 in
  gawk) program=("$2/gawk" 'BEGIN { for (i = 0; i < 1000000; i++) {
    a[i % 1000] = sprintf("%d-%s", i, "x"); if (a[i % 1000] ~ /9-x$/) n++ }; print n }') ;;
  jq) program=("$2/jq" -n '[range(300000) | {id: ., name: ("item-" + tostring)}]
    | map(select(.name | test("7$"))) | group_by(.id % 100) | map(length) | add') ;;
  esac
}

package_copy_escc() {
  local build=$1 dest=$2
  mkdir -p "$dest/bin" "$dest/lib" &&
    cp "$build/bin/escc" "$dest/bin/" && cp "$build"/lib/libescrt*.a "$dest/lib/" &&
    { [ ! -e "$build/lib/libescrt.so" ] || cp "$build/lib/libescrt.so" "$dest/lib/"; }
}

#!/bin/sh
# configure-probes.sh CC DIR — the probes an autoconf configure script (AC_PROG_CC, AC_PROG_CPP,
# AC_CHECK_HEADER, AC_CHECK_LIB, automake's depcomp "gcc3" mode) runs against $CC, in the order
# configure runs them, each reporting what configure would conclude.
CC=$1
cd "$2" || exit 1

$CC --version >/dev/null 2>&1 && echo "probe: --version ok"
$CC -v >/dev/null 2>&1 && echo "probe: -v ok"
$CC -V >/dev/null 2>&1 || echo "probe: -V rejected"
$CC -qversion >/dev/null 2>&1 || echo "probe: -qversion rejected"

cat > conftest.c <<'EOF'
int main(void) { return 0; }
EOF
rm -f a.out
$CC conftest.c && test -x a.out && ./a.out && echo "probe: the C compiler works (a.out)"
$CC -o conftest conftest.c && ./conftest && echo "probe: executable suffix is empty"
$CC -c conftest.c && test -f conftest.o && echo "probe: object suffix is o"

cat > conftest.c <<'EOF'
#ifndef __GNUC__
  choke me
#endif
int main(void) { return 0; }
EOF
$CC -c conftest.c && echo "probe: using the GNU C compiler"
$CC -c -g conftest.c && echo "probe: accepts -g"
$CC -c conftest.c -o conftest2.o && test -f conftest2.o && echo "probe: understands -c and -o together"

cat > conftest.c <<'EOF'
#include <stdio.h>
#include <no-such-header.h>
EOF
$CC -E conftest.c >/dev/null 2>&1 || echo "probe: CPP rejects a missing header"
cat > conftest.c <<'EOF'
#include <stdio.h>
int value = 1;
EOF
$CC -E conftest.c | grep -q "int value = 1" && echo "probe: CPP is $CC -E"

cat > conftest.c <<'EOF'
char cos(void);
int main(void) { return cos() == 0 && 0; }
EOF
$CC -o conftest conftest.c -lm && echo "probe: checking for cos in -lm... yes"

mkdir -p sub
cat > conftest.c <<'EOF'
#include <stdio.h>
int main(void) { return 0; }
EOF
$CC -MT sub/conftest.o -MD -MP -MF sub/conftest.TPo -c -o sub/conftest.o conftest.c &&
  grep -q "sub/conftest.o:.*conftest.c" sub/conftest.TPo && echo "probe: dependency style gcc3"

ld=$($CC -print-prog-name=ld) && test -n "$ld" && echo "probe: -print-prog-name=ld works"

cat > conftest.c <<'EOF'
int main(void) { return syntax error; }
EOF
$CC -c conftest.c 2>/dev/null || echo "probe: a broken program fails to compile"
echo "probe: done"

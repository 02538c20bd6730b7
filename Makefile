# escc — the two commands of the README, and the longer targets.
#   make demo     install deps, build (LLVM 19), run the driver on the seed's examples
#   make check    install deps, build against LLVM 19 and 22 and with ASan+UBSan (LLVM 19),
#                 run every lit test on each
#   make build    build against LLVM 19 only (build/)
.PHONY: deps build demo check clean

deps:
	@scripts/install-deps

build: deps
	@scripts/build 19

check: deps
	@scripts/fetch-sarif-schema >/dev/null
	@scripts/check

demo: build
	@scripts/demo

clean:
	rm -rf build build-llvm* build-sanitize

# make torture  the long reliability run (hours; docs/reliability.md): csmith differential
#   testing, llvm-stress, libFuzzer, GC torture, the sanitized build, a real package.
#   Sizes: make torture CSMITH_COUNT=10000 LLVM_STRESS_COUNT=1000 FUZZ_SECONDS=300
.PHONY: torture
torture: deps
	@scripts/build 19 && scripts/build 22 && scripts/torture/all

# make bench-analysis  analysis time vs opt's default<O2> on 1M/2M/4M-instruction modules
# make bench-gc        escrt vs Boehm vs malloc/free: GCBench (gcc and clang), malloc-heavy;
#                       quiet and with a cache-thrashing background load
# make bench-audit     escc run --audit's cost against the plain build (bench/audit)
# make bench-programs  gawk and jq (Debian's sources): test suites and one CPU-bound program
#                       each, built with clang, linked with escrt alone, escc cc (bench/programs;
#                       PROGRAMS_ROUNDS=5, PROGRAMS_WHOLE= the whole-program variant's options)
# make bench-stress    one ESC_GC_STRESS collection next to 1-64 MiB of malloc'ed data, with
#                       and without written-page tracking (bench/stress)
#   Benchmarks report ratios against a baseline in the same run (docs/performance.md); they are
#   never part of make check.
.PHONY: bench-analysis bench-gc bench-audit bench-programs bench-stress
bench-analysis: build
	@bench/analysis/run.sh

bench-gc: build
	@bench/gc/run.sh build

bench-audit: build
	@bench/audit/run.sh build

bench-programs: build
	@bench/programs/run.sh build

bench-stress: build
	@bench/stress/run.sh build

# make go-agreement  escc's report on Go against gc's (`go tool compile -m -l`), message by
#   message, on Go 1.19's test/escape*.go and examples/go, beside the naive Alloc.Heap rule of
#   go/ssa-based compilers (docs/go.md). A measurement, never part of make check.
.PHONY: go-agreement course-handout
go-agreement: build
	@scripts/go-agreement

# make course-handout  build/escc-course.tar.gz: course/ and docs/course.md for students, checked
#   to hold none of the answers in course-solutions/ (docs/course/teacher.md)
course-handout:
	@mkdir -p build && scripts/course-handout build/escc-course.tar.gz

# escc — the two commands of the README, and the longer targets.
#   make demo     install deps, build (LLVM 19), run the driver on the seed's examples
#   make check    install deps, build against LLVM 19 and 22, run every lit test on both
#   make build    build against LLVM 19 only (build/)
.PHONY: deps build demo check clean

deps:
	@scripts/install-deps

build: deps
	@scripts/build 19

check: deps
	@scripts/check

demo: build
	@scripts/demo

clean:
	rm -rf build build-llvm*

# make torture  the long reliability run (hours; docs/reliability.md): csmith differential
#   testing, llvm-stress, libFuzzer, and the GC/sanitizer/package steps when present.
#   Sizes: make torture CSMITH_COUNT=10000 LLVM_STRESS_COUNT=1000 FUZZ_SECONDS=300
.PHONY: torture
torture: deps
	@scripts/build 19 && scripts/build 22 && scripts/torture/all

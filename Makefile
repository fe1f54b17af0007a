# ccplan — the two commands of the quick start are `make demo` and `make test`.
SWIFT ?= swift
APT_PACKAGES := liblapack-dev libopenblas-dev liblapacke-dev pkg-config coinor-libcbc-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/ccplan
DEMO_HISTORY := SampleData/contact-history.csv
FUZZ_SECONDS ?= 60

.PHONY: deps build release test test-kernels demo demo-monitor sample-actuals lint format bench bench-compare bench-scale fuzz clean

## deps: install the system libraries (OpenBLAS, LAPACK, LAPACKE, COIN-OR CBC) when they are missing
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## build: debug build
build: deps
	$(SWIFT) build

## release: optimized build of the ccplan binary (.build/release/ccplan)
release: deps
	$(SWIFT) build -c release --product ccplan

## test: the whole test suite
test: deps
	$(SWIFT) test

## test-kernels: numerical tests and byte-identical outputs under every OpenBLAS kernel of this CPU, 1 and 2 BLAS threads
test-kernels: deps
	SWIFT=$(SWIFT) scripts/test-kernels.sh

LINT_PATHS := Sources Tests Benchmarks/Benchmarks Benchmarks/forecast-accuracy Fuzz/Sources

## lint: swift format's checks with the checked-in .swift-format (120 columns); CI runs it
lint:
	$(SWIFT) format lint --strict --recursive $(LINT_PATHS)

## format: rewrite the sources in the checked-in style
format:
	$(SWIFT) format format --in-place --recursive --parallel $(LINT_PATHS)

## demo: ccplan's main job on the sample data: a 13-week plan with scenarios, into plan-output/
demo: release
	@$(BIN) plan --history $(DEMO_HISTORY) --timezone Europe/Berlin --horizon 13w \
		--holidays SampleData/holidays.csv --events SampleData/events.csv \
		--scenarios SampleData/scenarios.yaml --title "Sample plan — Northwind Contact Centre" \
		--out plan-output

## demo-monitor: after make demo, the plan against four weeks of (sample) actuals, into monitor-output/
demo-monitor: release
	@$(BIN) monitor --plan plan-output --actuals SampleData/actuals.csv \
		--tolerances SampleData/tolerances.yaml --out monitor-output; \
	status=$$?; [ $$status = 0 ] || [ $$status = 4 ] || exit $$status

## sample-actuals: regenerate SampleData/actuals.csv for the demo plan (run make demo first)
sample-actuals: release
	$(BIN) sample-data --out SampleData/contact-history.csv --holidays SampleData/holidays.csv \
		--events SampleData/events.csv --plan plan-output --actuals SampleData/actuals.csv

## bench: all benchmarks (release build, nested package Benchmarks/)
bench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark

## bench-compare: ccplan against its peers in the same run (numpy, pyworkforce, HiGHS; statsforecast: Benchmarks/compare-statsforecast.sh)
bench-compare: deps
	Benchmarks/compare-numpy.sh
	Benchmarks/compare-pyworkforce.sh
	Benchmarks/compare-staffing.sh
	Benchmarks/compare-capacity.sh
	Benchmarks/compare-schedule.sh

## bench-scale: 1,000 queues × one year: forecast (Benchmarks/forecast-scale.sh) and batch plan (Benchmarks/batch-scale.sh)
bench-scale: deps
	Benchmarks/forecast-scale.sh
	Benchmarks/batch-scale.sh

## fuzz: libFuzzer + ASan on the history reader and the YAML loaders, FUZZ_SECONDS each (default 60; see Fuzz/README.md)
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build plan-output batch-output monitor-output

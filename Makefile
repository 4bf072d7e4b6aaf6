# The two commands of the README, and the steps they are made of.
BUILD ?= build
JOBS ?= 2
SANDING = $(BUILD)/server/sanding

.PHONY: run check deps build test bench clean

run: deps build
	@mkdir -p var/drafts
	$(SANDING) render --all -o var/drafts

check: deps build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

deps:
	@scripts/install-deps.sh all

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

bench: deps build
	bench/run.sh $(BUILD)
	bench/check_bench.sh $(BUILD)

clean:
	rm -rf $(BUILD)

# The two commands of the README, and the steps they are made of.
BUILD ?= build
JOBS ?= 2
SANDING = $(BUILD)/server/sanding

.PHONY: run check check-san check-tsan deps build test bench fuzz clean

DB ?= sqlite:var/sanding.db
LISTEN ?= 127.0.0.1:8080

# The demo district in an SQLite file: initialised (with demo users, passwords printed once) on
# the first run, then the server. The rendered drafts are in var/drafts/ as well.
run: deps build
	@mkdir -p var/drafts
	@$(SANDING) render --all -o var/drafts
	@$(SANDING) admin init --demo-users --db $(DB)
	@echo "（演示用户的密码只在创建时显示一次；重设：$(SANDING) admin user passwd NAME --db $(DB)）"
	@echo "演示登录名：drafter-<机构标识>、head-<机构标识>（如 drafter-natural-resources）、reviewer-1、reviewer-2、office、admin"
	@echo "Writer 扩展：$(BUILD)/plugin/sanding.oxt —— 工具 ▸ 扩展管理器 ▸ 添加，或 unopkg add $(BUILD)/plugin/sanding.oxt；"
	@echo "            重启 Writer 后菜单“三定 ▸ 设置”填写服务器 http://$(LISTEN) 和登录名"
	$(SANDING) serve --db $(DB) --listen $(LISTEN)

check: deps build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	@$(MAKE) --no-print-directory check-san

# The same core and server tests once more built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and each libFuzzer target for 30 s on its seeds (tests/fuzz).
# What needs LibreOffice or Chromium runs in the main build only.
SAN_BUILD ?= build-san
SAN_SKIP ?= ^(package|lo|web|templates|plugin|style)\.|without-avx2
check-san: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DSANDING_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANDING_WERROR=ON >/dev/null
	@cmake --build $(SAN_BUILD) -j$(JOBS) -- --no-print-directory
	cd $(SAN_BUILD) && ctest --output-on-failure -j$(JOBS) -E '$(SAN_SKIP)'

# The core and server tests built with ThreadSanitizer (not part of make check: it doubles the
# time of the server tests). Reports fail the test that caused them.
TSAN_BUILD ?= build-tsan
check-tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DSANDING_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANDING_WERROR=ON >/dev/null
	@cmake --build $(TSAN_BUILD) -j$(JOBS) -- --no-print-directory
	cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp $(TSAN_OPTIONS)" ctest --output-on-failure -j$(JOBS) -E '$(SAN_SKIP)'

# Every fuzz target for longer: make fuzz SECONDS=600
SECONDS ?= 300
fuzz: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DSANDING_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANDING_WERROR=ON >/dev/null
	@cmake --build $(SAN_BUILD) -j$(JOBS) -- --no-print-directory
	bench/fuzz.sh $(SAN_BUILD) $(SECONDS)

deps:
	@scripts/install-deps.sh all

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANDING_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) -- --no-print-directory

bench: deps build
	@scripts/install-deps.sh bench
	bench/run.sh $(BUILD)
	bench/check_bench.sh $(BUILD)
	bench/server_bench.sh $(BUILD)
	bench/hardening_bench.py $(BUILD)
	bench/boundaries_bench.sh $(BUILD)
	bench/writer_bench.sh $(BUILD)
	node bench/web_bench.mjs $(BUILD)

clean:
	rm -rf $(BUILD)

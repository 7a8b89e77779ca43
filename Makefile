# The two commands a new user needs (README):
#   make run    install dependencies if missing, build, start Twinbench on the embedded example
#   make test   install dependencies if missing, build, run the test suite under Xvfb
# Everything else is plain CMake: cmake --preset default && cmake --build --preset default.

BUILD_DIR := build
CTEST_ARGS ?=

.PHONY: run test build deps configure bench fuzz package format clean

run: build
	$(BUILD_DIR)/app/twinbench/twinbench --example

test: build
	cd $(BUILD_DIR) && xvfb-run -a -s "-screen 0 1600x900x24" \
	    ctest --output-on-failure --label-exclude "fuzz|bench" $(CTEST_ARGS)

deps:
	bash packaging/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then cmake --preset default; fi

build: configure
	cmake --build $(BUILD_DIR) --parallel 2

# Every bench asserts its targets as ratios against a peer measured in the same run and writes
# bench/NAME.json; the table of all of them comes last, and the target fails when any bench
# failed, missed a target or wrote no JSON.
bench: build
	rm -f $(BUILD_DIR)/bench/*.json
	cd $(BUILD_DIR) && status=0; \
	    xvfb-run -a -s "-screen 0 1600x900x24" \
	        ctest --output-on-failure --label-regex bench --verbose $(CTEST_ARGS) || status=1; \
	    /usr/bin/python3 $(CURDIR)/tests/bench/bench-table.py bench \
	        $$(ctest -N --label-regex bench --label-exclude bench-check $(CTEST_ARGS) | \
	           sed -n 's/^ *Test *#[0-9]*: *//p') || status=1; \
	    exit $$status

# Debian packages twinbench and twinbench-worker (packaging/Packaging.cmake) into build/packages.
package: build
	cd $(BUILD_DIR) && cpack -G DEB -B packages

fuzz: build
	cd $(BUILD_DIR) && ctest --output-on-failure --label-regex fuzz

format:
	find app widgets viz twins plugins tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

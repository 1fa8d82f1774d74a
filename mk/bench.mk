# mk/bench.mk: `make bench`, issue #4's measurement (included by the
# top-level Makefile, which defines BUILD and KERNEL).
#
#   bench          boot tine and Linux on $(BUILD)/bench.cpio, each under
#                  -icount and under plain TCG, twice; print the tables and
#                  write bench/results/ (see docs/bench.md)
#   bench-image    just the image
#
#   BENCH_ONLY=NAME[,NAME...]   only these entries of bench/init.c
#                               ('fork-mem-*' selects by prefix)
#   BENCH_MODES="icount tcg"    BENCH_RUNS=2    BENCH_KERNELS="linux tine"
#   BENCH_APPEND="norandmaps"   more kernel command line (both kernels)
#
# bench/NAME.c becomes $(BUILD)/bench/NAME, a static musl program; the
# image holds them under /bench/ with bench/init.c as /init.

BENCH_CC := musl-gcc
BENCH_CFLAGS := -static -O2 -Wall -Wextra -Werror
BENCH_SRCS := $(filter-out bench/init.c, $(wildcard bench/*.c))
BENCH_BINS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))

BENCH_ONLY ?=
export BENCH_ONLY

.PHONY: bench-image
bench-image: $(BUILD)/bench.cpio

$(BENCH_BINS) $(BUILD)/bench/init: | deps

$(BUILD)/bench/%: bench/%.c bench/bench.h
	@mkdir -p $(dir $@)
	$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $< -lpthread

$(BUILD)/bench/init: bench/init.c tests/lib/console.h
	@mkdir -p $(dir $@)
	$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $<

$(BUILD)/bench.cpio: $(BUILD)/bench/init $(BENCH_BINS) tools/bench-image.sh
	sh tools/bench-image.sh $@ $(BUILD)/bench/init $(BENCH_BINS)

bench: $(KERNEL) $(BUILD)/bench.cpio
	BUILD=$(BUILD) sh tools/bench.sh $(KERNEL) $(BUILD)/bench.cpio

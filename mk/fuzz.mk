# mk/fuzz.mk: the in-guest random-syscall fuzzer (included by the
# top-level Makefile, which defines BUILD and KERNEL).
#
#   fuzz         the long run on tine: FUZZ_CALLS calls (default 1000000)
#                with seed FUZZ_SEED (default 1); no panic, no hang, and
#                MemFree and every /proc/slabinfo cache back within 64 kB
#   fuzz-linux   the same run on Debian's Linux (the oracle)
#
#   FUZZ_APPEND="fuzz.child=7 fuzz.trace=1"  more options (tools/fuzz/main.c)
#
# tools/fuzz/*.c is one static program, /tests/fuzz/syscalls in the check
# image, where its bounded run (fuzz.calls=30000 by default) is part of
# make check.

FUZZ_SRCS := $(wildcard tools/fuzz/*.c)
FUZZ_BIN := $(BUILD)/tests/fuzz/syscalls
EXTRA_TEST_BINS += $(FUZZ_BIN)

FUZZ_CALLS ?= 1000000
FUZZ_SEED ?= 1
FUZZ_TIMEOUT ?= 7200
FUZZ_APPEND ?=
FUZZ_ARGS = tests=fuzz/syscalls fuzz.calls=$(FUZZ_CALLS) \
	fuzz.seed=$(FUZZ_SEED) fuzz.time=0 runner.timeout=0 $(FUZZ_APPEND)

.PHONY: fuzz fuzz-linux

$(FUZZ_BIN): $(FUZZ_SRCS) tools/fuzz/fuzz.h tests/lib/tap.h tests/lib/memcheck.h tests/lib/proc.h | deps
	@mkdir -p $(dir $@)
	$(TEST_CC) $(TEST_CFLAGS) -Itools/fuzz -o $@ $(FUZZ_SRCS)

fuzz: $(KERNEL) images
	BUILD=$(BUILD) CHECK_TIMEOUT=$(FUZZ_TIMEOUT) CHECK_LOG=$(BUILD)/fuzz-tine.log \
		sh tools/check.sh $(KERNEL) $(BUILD)/check.cpio $(FUZZ_ARGS)

fuzz-linux: images
	BUILD=$(BUILD) CHECK_TIMEOUT=$(FUZZ_TIMEOUT) CHECK_LOG=$(BUILD)/fuzz-linux.log \
		sh tools/check.sh "$$(sh tools/fetch-linux.sh)" \
		$(BUILD)/check.cpio $(FUZZ_ARGS)

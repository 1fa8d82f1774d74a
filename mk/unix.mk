# mk/unix.mk: the long run of the AF_UNIX random walk (tests/unix/fuzz.c,
# whose 4000-step run is part of make check). Included by the top-level
# Makefile, which defines BUILD and KERNEL.
#
#   fuzz-unix        FUZZ_UNIX_ITERS steps (default 200000, seed
#                    FUZZ_UNIX_SEED) on tine: every call answers, no
#                    process dies or hangs, no panic
#   fuzz-unix-linux  the same on Debian's Linux (the oracle)
#
#   FUZZ_UNIX_APPEND="unixfuzz.ops=0x3f"  only some kinds of step (a bit
#                    per kind: 0-2 send, 3-4 recv, 5 names, 6 options,
#                    7-9 sockets, fds, ioctls, sendfile)

FUZZ_UNIX_ITERS ?= 200000
FUZZ_UNIX_SEED ?= 1
FUZZ_UNIX_TIMEOUT ?= 3600
FUZZ_UNIX_ARGS = tests=unix/fuzz unixfuzz.iters=$(FUZZ_UNIX_ITERS) \
	unixfuzz.seed=$(FUZZ_UNIX_SEED) runner.timeout=0 $(FUZZ_UNIX_APPEND)

.PHONY: fuzz-unix fuzz-unix-linux

fuzz-unix: $(KERNEL) images
	BUILD=$(BUILD) CHECK_TIMEOUT=$(FUZZ_UNIX_TIMEOUT) \
		CHECK_LOG=$(BUILD)/fuzz-unix-tine.log \
		sh tools/check.sh $(KERNEL) $(BUILD)/check.cpio $(FUZZ_UNIX_ARGS)

fuzz-unix-linux: images
	BUILD=$(BUILD) CHECK_TIMEOUT=$(FUZZ_UNIX_TIMEOUT) \
		CHECK_LOG=$(BUILD)/fuzz-unix-linux.log \
		sh tools/check.sh "$$(sh tools/fetch-linux.sh)" \
		$(BUILD)/check.cpio $(FUZZ_UNIX_ARGS)

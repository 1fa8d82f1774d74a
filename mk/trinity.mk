# mk/trinity.mk: Debian's trinity fuzzer in the guest, as uid 65534
# (included by the top-level Makefile, which defines BUILD and KERNEL).
#
#   trinity        TRINITY_CALLS calls (default 20000) with seed
#                  TRINITY_SEED (default 1) on tine: it must finish, with
#                  no panic or hang, and MemFree and every slab cache
#                  back within 64 kB
#   trinity-linux  the same on Debian's Linux
#
#   TRINITY_ARGS=a,b   more trinity options, comma-separated (e.g.
#                      "-x,splice" or "--disable-fds=sockets")
#
# The image ($(BUILD)/trinity.cpio) holds /usr/bin/trinity and its
# shared libraries; it is rebuilt only when they or the wrapper change.

TRINITY_RUN := $(BUILD)/tools/trinity/run
TRINITY_CALLS ?= 20000
TRINITY_SEED ?= 1
TRINITY_CHILDREN ?= 2
# tine has no sockets yet (socket() is ENOSYS until net/ lands), and
# trinity retries its socket cache for ever without this.
TRINITY_ARGS ?= --disable-fds=sockets
TRINITY_TIMEOUT ?= 1800
TRINITY_APPEND = tests=trinity trinity.calls=$(TRINITY_CALLS) \
	trinity.seed=$(TRINITY_SEED) trinity.children=$(TRINITY_CHILDREN) \
	$(if $(TRINITY_ARGS),trinity.args=$(TRINITY_ARGS)) runner.timeout=0

.PHONY: trinity trinity-linux trinity-deps

trinity-deps:
	@sh tools/deps.sh trinity

$(TRINITY_RUN): tools/trinity/run.c tests/lib/tap.h tests/lib/memcheck.h tests/lib/proc.h | deps
	@mkdir -p $(dir $@)
	$(TEST_CC) $(TEST_CFLAGS) -o $@ $<

$(BUILD)/trinity.cpio: $(BUILD)/tests/runner $(TRINITY_RUN) \
		tools/trinity-image.sh | trinity-deps
	sh tools/trinity-image.sh $@ $(BUILD)/tests/runner $(TRINITY_RUN)

trinity: $(KERNEL) $(BUILD)/trinity.cpio
	BUILD=$(BUILD) CHECK_TIMEOUT=$(TRINITY_TIMEOUT) \
		CHECK_LOG=$(BUILD)/trinity-tine.log \
		sh tools/check.sh $(KERNEL) $(BUILD)/trinity.cpio $(TRINITY_APPEND)

trinity-linux: $(BUILD)/trinity.cpio
	BUILD=$(BUILD) CHECK_TIMEOUT=$(TRINITY_TIMEOUT) \
		CHECK_LOG=$(BUILD)/trinity-linux.log \
		sh tools/check.sh "$$(sh tools/fetch-linux.sh)" \
		$(BUILD)/trinity.cpio $(TRINITY_APPEND)

# mk/tests.mk: guest test programs and the initramfs images (included by
# the top-level Makefile, which defines BUILD).
#
#   images        $(BUILD)/check.cpio(.gz) and $(BUILD)/run.cpio
#   check-linux   the check image on Debian's Linux: every test must pass
#                 there too, which is what makes it a test of the ABI
#   check-tine    (in the top-level Makefile) the same on tine
#   check-boot    the boot tests (tests/boot/*.sh, tools/boot-test.sh) and
#                 the console test of the run image (tools/console-test.py)
#                 on tine; check-linux runs them on Linux too
#
# tests/<area>/<name>.c becomes $(BUILD)/tests/<area>/<name>, a static musl
# program.  tests/lib holds shared headers, tests/host host-side tests,
# tests/helpers programs that tests exec (built, not listed in LIST).

TEST_CC := musl-gcc
TEST_CFLAGS := -static -O2 -Wall -Wextra -Werror -Itests/lib
TEST_SRCS := $(filter-out tests/lib/% tests/host/%, $(wildcard tests/*/*.c))
# tests/glibc/ is built against Debian's static glibc, as most Linux
# software is; everything else against musl.
GLIBC_CC := gcc
GLIBC_CFLAGS := -static -O2 -pthread -Wall -Wextra -Werror -Itests/lib
# Programs built from sources elsewhere (mk/fuzz.mk: tools/fuzz/) that
# also run as tests.
TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS)) \
	$(EXTRA_TEST_BINS)
TEST_HDRS := $(wildcard tests/lib/*.h)

CHECK_APPEND ?=

.PHONY: images tests check-linux check-boot deps
deps:
	@sh tools/deps.sh
tests: $(TEST_BINS)
images: $(BUILD)/check.cpio $(BUILD)/check.cpio.gz $(BUILD)/run.cpio

$(TEST_BINS) $(BUILD)/tests/runner $(BUILD)/user/init: | deps

$(BUILD)/tests/glibc/%: tests/glibc/%.c $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(GLIBC_CC) $(GLIBC_CFLAGS) -o $@ $<

$(BUILD)/tests/%: tests/%.c $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(TEST_CC) $(TEST_CFLAGS) -o $@ $<

$(BUILD)/tests/runner: tests/runner.c $(TEST_HDRS)
	@mkdir -p $(dir $@)
	$(TEST_CC) $(TEST_CFLAGS) -o $@ $<

$(BUILD)/user/init: user/init.c tests/lib/console.h
	@mkdir -p $(dir $@)
	$(TEST_CC) $(TEST_CFLAGS) -o $@ $<

ETC_FILES := $(wildcard user/etc/*)

$(BUILD)/check.cpio: $(BUILD)/tests/runner $(TEST_BINS) tools/mkimage.sh $(wildcard tests/KNOWN-FAIL) $(ETC_FILES)
	LINUX_MODULES="$$(sh tools/fetch-linux-modules.sh)" \
		sh tools/mkimage.sh $@ $(BUILD)/tests/runner $(BUILD)/tests $(TEST_BINS)

$(BUILD)/run.cpio: $(BUILD)/user/init $(TEST_BINS) tools/mkimage.sh $(ETC_FILES)
	sh tools/mkimage.sh $@ $(BUILD)/user/init $(BUILD)/tests $(TEST_BINS)

$(BUILD)/check.cpio.gz: $(BUILD)/check.cpio
	gzip -9 -n -c $< > $@

check-linux: images
	BUILD=$(BUILD) sh tools/check.sh "$$(sh tools/fetch-linux.sh)" \
		$(BUILD)/check.cpio $(CHECK_APPEND)
	BUILD=$(BUILD) sh tools/boot-test.sh "$$(sh tools/fetch-linux.sh)"
	BUILD=$(BUILD) python3 tools/console-test.py \
		"$$(sh tools/fetch-linux.sh)" $(BUILD)/run.cpio

# The boot tests (tests/boot/): small images of their own, each a boot;
# then `make run`'s shell driven over the serial line (job control,
# poweroff).
check-boot: $(KERNEL) $(BUILD)/run.cpio | deps
	BUILD=$(BUILD) sh tools/boot-test.sh $(KERNEL)
	BUILD=$(BUILD) python3 tools/console-test.py $(KERNEL) $(BUILD)/run.cpio

# Long versions of the overload tests (issue 7), one program per boot on
# tine (OVERLOAD=linux: on Debian's Linux): `make forkbomb` runs a 20 s
# fork bomb with threads-max as the kernel sized it; `make oom` the OOM
# test with 1 GiB of memory to eat through.
OVERLOAD_KERNEL = $(if $(filter linux,$(OVERLOAD)),"$$(sh tools/fetch-linux.sh)",$(KERNEL))
.PHONY: forkbomb oom
forkbomb: $(KERNEL) images
	BUILD=$(BUILD) CHECK_TIMEOUT=300 sh tools/check.sh $(OVERLOAD_KERNEL) \
		$(BUILD)/check.cpio tests=sched/forkbomb forkbomb_secs=20 \
		runner.timeout=120
oom: $(KERNEL) images
	BUILD=$(BUILD) CHECK_TIMEOUT=300 MEM=1G sh tools/check.sh \
		$(OVERLOAD_KERNEL) $(BUILD)/check.cpio tests=sched/oom \
		runner.timeout=120

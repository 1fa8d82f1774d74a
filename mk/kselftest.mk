# mk/kselftest.mk: Linux 6.1's own selftests on tine and on Linux
# (included by the top-level Makefile, which defines BUILD and KERNEL).
#
#   kselftest        build the selftests of tools/kselftest/dirs from
#                    Debian's linux-source-6.1 (cached in
#                    $(BUILD)/kselftest), run them on tine and on Debian's
#                    Linux in the same QEMU, print the side-by-side table
#                    (tools/kselftest/report.py) ending in "N passed, M
#                    failed" for tine.  Fails if a case that passes on Linux
#                    fails on tine without being listed in
#                    tests/kselftest/KNOWN-FAIL, or passes while listed.
#   kselftest-image  only build $(BUILD)/kselftest/kselftest.cpio.gz
#
#   KSFT=pidfd,exec:null-argv  run only the cases starting with these
#                    (the report then counts the others as missing)
#   kselftest-report the table again from the last run's logs (no boot),
#                    e.g. after editing KNOWN-FAIL
#
# The logs are $(BUILD)/kselftest/tine.log and linux.log.  The guest gets
# 512 MiB: exec's load_address tests are 50 MB files (16 MiB alignment).

KSFT_OUT := $(BUILD)/kselftest
KSFT_INIT := $(KSFT_OUT)/init
KSFT ?=
KSFT_TIMEOUT ?= 2400
KSFT_RUN = BUILD=$(BUILD) MEM=512M QEMU_TIMEOUT=$(KSFT_TIMEOUT) \
	sh tools/kselftest/run.sh

.PHONY: kselftest kselftest-image kselftest-report

$(KSFT_INIT): tools/kselftest/init.c tests/lib/init.h tests/lib/console.h | deps
	@mkdir -p $(dir $@)
	$(TEST_CC) -static -O2 -Wall -Wextra -Werror -Itests/lib -o $@ $<

kselftest-image: $(KSFT_INIT)
	sh tools/kselftest/build.sh $(KSFT_OUT) $(KSFT_INIT)

kselftest: $(KERNEL) kselftest-image
	$(KSFT_RUN) $(KERNEL) $(KSFT_OUT)/kselftest.cpio.gz \
		$(KSFT_OUT)/tine.log $(if $(KSFT),ksft=$(KSFT))
	$(KSFT_RUN) "$$(sh tools/fetch-linux.sh)" \
		$(KSFT_OUT)/kselftest.cpio.gz $(KSFT_OUT)/linux.log \
		$(if $(KSFT),ksft=$(KSFT))
	$(MAKE) --no-print-directory kselftest-report

kselftest-report:
	python3 tools/kselftest/report.py $(KSFT_OUT) $(KSFT_OUT)/tine.log \
		$(KSFT_OUT)/linux.log tests/kselftest/KNOWN-FAIL

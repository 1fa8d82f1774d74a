# tools/kselftest/vars.mk: read after a selftest directory's Makefile
# (make -f Makefile -f vars.mk ksft-var VAR=NAME) to print one of its
# variables (TEST_PROGS, TEST_FILES...) for tools/kselftest/build.sh.
.PHONY: ksft-var
ksft-var:
	@echo $($(VAR))

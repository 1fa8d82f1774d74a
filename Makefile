# tine: one Makefile for the kernel; mk/*.mk add the guest images and tests.
BUILD ?= build
KERNEL := $(BUILD)/tine

CC := gcc
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-pie \
	-fno-stack-protector -fno-omit-frame-pointer -mno-red-zone \
	-mcmodel=kernel -mgeneral-regs-only -fno-strict-aliasing \
	-fno-asynchronous-unwind-tables -Wno-unused-parameter \
	-Iinclude -Iarch/x86_64/include -MMD -MP
# DEBUG_LOCKS=1 compiles in the hot paths' lock contracts
# (lockdep_assert_held() on run queues, allocators, page tables), checked
# when the kernel boots with tine.lockdep (docs/locking.md).
DEBUG_LOCKS ?=
ifeq ($(DEBUG_LOCKS),1)
CFLAGS += -DCONFIG_DEBUG_LOCKS
endif
LDFLAGS := -nostdlib -static -no-pie -z max-page-size=4096 -z noexecstack \
	-Wl,--build-id=none \
	-T arch/x86_64/linker.ld

SRCS := $(wildcard arch/x86_64/*.c arch/x86_64/*.S kernel/*.c kernel/cgroup/*.c kernel/sched/*.c kernel/trace/*.c \
	mm/*.c fs/*.c lib/*.c net/*.c ipc/*.c security/*.c)
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

.PHONY: all kernel run debug check check-tine check-linux check-smp bench \
	lint clean \
	host-test check-lockdep lock-contracts
all: $(KERNEL)
kernel: $(KERNEL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -D__ASSEMBLER__ -c $< -o $@

# The symbol table is linked into a second pass so panics can name
# functions: pass 1 links without it, tools/mksyms.sh extracts `nm`
# output as a C array, pass 2 links it in (same layout: it goes last).
$(BUILD)/tine.1: $(OBJS) arch/x86_64/linker.ld $(BUILD)/syms0.o
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/syms0.o
$(BUILD)/syms0.o: tools/mksyms.sh
	@mkdir -p $(BUILD)
	sh tools/mksyms.sh /dev/null > $(BUILD)/syms0.c
	$(CC) $(CFLAGS) -c $(BUILD)/syms0.c -o $@
$(BUILD)/syms.o: $(BUILD)/tine.1
	sh tools/mksyms.sh $< > $(BUILD)/syms.c
	$(CC) $(CFLAGS) -c $(BUILD)/syms.c -o $@
$(KERNEL): $(BUILD)/syms.o
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/syms.o
	objdump -d $@ > $(BUILD)/tine.dis
	nm -n $@ > $(BUILD)/tine.map

-include $(OBJS:.o=.d)
-include mk/*.mk

QEMU_APPEND ?=
run: $(KERNEL) $(BUILD)/run.cpio
	@sh tools/deps.sh
	sh tools/qemu.sh $(KERNEL) $(BUILD)/run.cpio $(QEMU_APPEND)

debug: $(KERNEL) $(BUILD)/run.cpio
	@sh tools/deps.sh
	sh tools/debug.sh $(KERNEL) $(BUILD)/run.cpio

check: check-tine check-boot host-test

# The same suites on four CPUs under multi-threaded TCG, on tine and on
# Linux: every test must pass there too (tests/smp races CPUs).
SMP_QEMU := -smp 4 -accel tcg,thread=multi
check-smp:
	$(MAKE) check QEMU_EXTRA="$(SMP_QEMU)"
	$(MAKE) check-linux QEMU_EXTRA="$(SMP_QEMU)"

check-tine: $(KERNEL) images
	sh tools/check.sh $(KERNEL) $(BUILD)/check.cpio $(CHECK_APPEND)

host-test: lock-contracts
	$(MAKE) -C tests/host host-test

# Every function whose header comment says a lock is held asserts it
# (docs/locking.md, "Contracts in code").
lock-contracts:
	python3 tools/lock-contracts.py --self-test
	python3 tools/lock-contracts.py --all

# The check image on a DEBUG_LOCKS=1 kernel (built in $(BUILD)/lockdep)
# booted with tine.lockdep: the lock order and every lock contract, hot
# paths included. QEMU_EXTRA="$(SMP_QEMU)" runs it on four CPUs.
LOCKDEP_KERNEL := $(BUILD)/lockdep/tine
check-lockdep: images
	$(MAKE) BUILD=$(BUILD)/lockdep DEBUG_LOCKS=1 $(LOCKDEP_KERNEL)
	CHECK_LOG=$(BUILD)/check-lockdep.log sh tools/check.sh \
		$(LOCKDEP_KERNEL) $(BUILD)/check.cpio tine.lockdep $(CHECK_APPEND)

lint: lock-contracts
	cppcheck --quiet --error-exitcode=1 -Iinclude -Iarch/x86_64/include \
		$(wildcard arch kernel mm fs lib net ipc security)

clean:
	rm -rf $(BUILD)

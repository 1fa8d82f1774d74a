# tine: one Makefile for the kernel; mk/*.mk add the guest images and tests.
BUILD ?= build
KERNEL := $(BUILD)/tine

CC := gcc
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-pie \
	-fno-stack-protector -fno-omit-frame-pointer -mno-red-zone \
	-mcmodel=kernel -mgeneral-regs-only -fno-strict-aliasing \
	-fno-asynchronous-unwind-tables -Wno-unused-parameter \
	-Iinclude -Iarch/x86_64/include -MMD -MP
LDFLAGS := -nostdlib -static -no-pie -z max-page-size=4096 -z noexecstack \
	-Wl,--build-id=none \
	-T arch/x86_64/linker.ld

SRCS := $(wildcard arch/x86_64/*.c arch/x86_64/*.S kernel/*.c kernel/cgroup/*.c kernel/sched/*.c kernel/trace/*.c \
	mm/*.c fs/*.c lib/*.c net/*.c ipc/*.c security/*.c)
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

.PHONY: all kernel run debug check check-tine check-linux check-smp bench \
	lint clean \
	host-test
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

host-test:
	$(MAKE) -C tests/host host-test

lint:
	cppcheck --quiet --error-exitcode=1 -Iinclude -Iarch/x86_64/include \
		$(wildcard arch kernel mm fs lib net ipc security)

clean:
	rm -rf $(BUILD)

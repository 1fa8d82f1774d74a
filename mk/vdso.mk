# mk/vdso.mk: the vDSO, a position-independent shared object without
# libc (arch/x86_64/vdso/), linked into the kernel image by
# arch/x86_64/vdso_image.S and mapped into every process.
#
# It must have no dynamic relocations (nobody relocates it) and may not
# call out of itself: the link fails otherwise.

VDSO_SO := $(BUILD)/vdso/vdso.so
VDSO_SRCS := arch/x86_64/vdso/vclock.c arch/x86_64/vdso/note.S
VDSO_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fPIC \
	-ffreestanding -fno-stack-protector -fno-omit-frame-pointer \
	-fasynchronous-unwind-tables -fno-builtin -mno-red-zone \
	-Wno-unused-parameter -Iinclude -Iarch/x86_64/include
VDSO_LDFLAGS := -nostdlib -shared -Wl,-soname=linux-vdso.so.1 \
	-Wl,--hash-style=both -Wl,--eh-frame-hdr -Wl,-Bsymbolic \
	-Wl,--no-undefined -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack \
	-Wl,--build-id=sha1 -Wl,-T,arch/x86_64/vdso/vdso.lds

# vdso.so.dbg keeps the debugging information (gdb: add-symbol-file);
# the image the kernel maps is vdso.so, stripped as Linux's.
$(VDSO_SO).dbg: $(VDSO_SRCS) arch/x86_64/vdso/vdso.lds include/tine/vdso_datapage.h
	@mkdir -p $(dir $@)
	$(CC) $(VDSO_CFLAGS) $(VDSO_LDFLAGS) -o $@.tmp $(VDSO_SRCS)
	@if readelf -rW $@.tmp | grep -q R_X86_64; then \
		echo "vdso: dynamic relocations:"; readelf -rW $@.tmp; \
		rm -f $@.tmp; exit 1; fi
	mv $@.tmp $@

$(VDSO_SO): $(VDSO_SO).dbg
	objcopy -S $< $@

$(BUILD)/arch/x86_64/vdso_image.o: $(VDSO_SO)
$(BUILD)/arch/x86_64/vdso_image.o: CFLAGS += -DVDSO_SO='"$(VDSO_SO)"'

# mk/exec.mk: helper programs tests/exec needs that are not plain static
# musl executables (included by the top-level Makefile).
#
#   tests/helpers/interp_probe   a static-PIE that stands in for ld.so: a
#                                PIE names it as its PT_INTERP; it reports
#                                where exec put the program and itself
#   tests/helpers/pie_interp     a PIE with 2 MiB p_align whose PT_INTERP
#                                is /tests/helpers/interp_probe
#   tests/helpers/static_pie     a static-PIE (no PT_INTERP) with 2 MiB
#                                p_align: the "loader" case of exec

MUSL_LIB := /usr/lib/x86_64-linux-musl
STATIC_PIE = gcc -O2 -fPIE -static-pie -nostdlib -nostdinc \
	-isystem /usr/include/x86_64-linux-musl -Itests/lib \
	-Wall -Wextra -Werror \
	$(MUSL_LIB)/rcrt1.o $(MUSL_LIB)/crti.o $(1) $(MUSL_LIB)/libc.a \
	$$(gcc -print-libgcc-file-name) $(MUSL_LIB)/crtn.o

$(BUILD)/tests/helpers/interp_probe: tests/helpers/interp_probe.c $(TEST_HDRS) | deps
	@mkdir -p $(dir $@)
	$(call STATIC_PIE,$<) -o $@
	python3 tools/elf-set-align.py $@ 0x200000

$(BUILD)/tests/helpers/static_pie: tests/helpers/static_pie.c $(TEST_HDRS) | deps
	@mkdir -p $(dir $@)
	$(call STATIC_PIE,$<) -o $@
	python3 tools/elf-set-align.py $@ 0x200000

# Never run: its interpreter reports and exits before its entry.
$(BUILD)/tests/helpers/pie_interp: tests/helpers/pie_interp.c | deps
	@mkdir -p $(dir $@)
	gcc -O2 -fPIE -pie -nostdlib -ffreestanding -Wall -Wextra -Werror \
		-Wl,--dynamic-linker=/tests/helpers/interp_probe -o $@ $<
	python3 tools/elf-set-align.py $@ 0x200000

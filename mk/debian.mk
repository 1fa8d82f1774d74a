# mk/debian.mk: a real Debian userland on tine (included by the top-level
# Makefile, which defines BUILD and KERNEL).
#
#   run-debian     boot tine into a login-less bash on an initramfs made of
#                  this machine's own Debian programs (DEBIAN_PACKAGES with
#                  their dependencies; tools/debian-image.py installs what
#                  is missing, builds the image once and caches it in
#                  ~/.cache/tine)
#   check-debian   run tests/debian/check.sh in that image on tine and on
#                  Linux and compare the outputs section by section
#                  (tools/check-debian.py; expected differences, each with
#                  its issue, in tests/debian/expected-differences)
#   stress-debian  the same with tests/debian/stress-ipc.sh (stress-ng's
#                  IPC and splice stressors, ipcs/ipcmk/ipcrm/lsipc) and its
#                  own tests/debian/stress-ipc.expected
#   debian-image   just build (or find) the image and print its path

DEBIAN_PACKAGES := bash coreutils util-linux procps findutils grep sed \
	gawk less vim-tiny python3 perl strace gcc make stress-ng trinity \
	ncurses-base diffutils libc-bin dash libc6-dev bsdextrautils \
	tzdata ncurses-bin mount kmod bsdutils tmux gdb util-linux-extra \
	iproute2
# Debian's unix_diag module (tools/fetch-linux-modules.sh), which the
# "ss" section loads on Linux; tine has it built in.
DEBIAN_MODULES_DIR = $(shell sh tools/fetch-linux-modules.sh)
DEBIAN_MODULE_ARGS = $(if $(DEBIAN_MODULES_DIR),--add \
	$(DEBIAN_MODULES_DIR)/unix_diag.ko:/usr/lib/modules/unix_diag.ko)
# Busybox (static) supplies halt, poweroff and reboot: without systemd
# Debian has none; they signal pid 1 (user/init.c) as busybox init
# expects.
DEBIAN_IMAGE_ARGS = --init $(BUILD)/user/init --etc user/etc \
	--add /bin/busybox:/usr/lib/tine/busybox \
	--link /usr/sbin/poweroff:/usr/lib/tine/busybox \
	--link /usr/sbin/reboot:/usr/lib/tine/busybox \
	--link /usr/sbin/halt:/usr/lib/tine/busybox \
	--add tests/debian/check.sh:/usr/lib/tine/check-debian.sh \
	--add tests/debian/stress-ipc.sh:/usr/lib/tine/stress-ipc.sh \
	$(DEBIAN_MODULE_ARGS) $(DEBIAN_PACKAGES)
DEBIAN_MEM ?= 2G

.PHONY: run-debian check-debian stress-debian debian-image
debian-image: $(BUILD)/user/init
	@python3 tools/debian-image.py $(DEBIAN_IMAGE_ARGS)

run-debian: $(KERNEL) $(BUILD)/user/init | deps
	@img=$$(python3 tools/debian-image.py $(DEBIAN_IMAGE_ARGS)) && \
	MEM=$(DEBIAN_MEM) sh tools/qemu.sh $(KERNEL) "$$img" SHELL=/bin/bash

check-debian: $(KERNEL) $(BUILD)/user/init | deps
	@img=$$(python3 tools/debian-image.py $(DEBIAN_IMAGE_ARGS)) && \
	MEM=$(DEBIAN_MEM) BUILD=$(BUILD) python3 tools/check-debian.py \
		--image "$$img" --tine $(KERNEL) --linux "$$(sh tools/fetch-linux.sh)" \
		$(CHECK_DEBIAN_ARGS)

stress-debian: $(KERNEL) $(BUILD)/user/init | deps
	@img=$$(python3 tools/debian-image.py $(DEBIAN_IMAGE_ARGS)) && \
	MEM=$(DEBIAN_MEM) BUILD=$(BUILD) python3 tools/check-debian.py \
		--image "$$img" --tine $(KERNEL) --linux "$$(sh tools/fetch-linux.sh)" \
		--script /usr/lib/tine/stress-ipc.sh \
		--expected tests/debian/stress-ipc.expected $(CHECK_DEBIAN_ARGS)

# make trace CMD='sh -c "ls | wc -l"': boot tine on the run image, run CMD
# with the process lifecycle traced (tracefs), and draw the fork tree
# and timeline with tools/forktree into $(BUILD)/trace.svg (the trace in
# $(BUILD)/trace.svg.txt). TRACE_KERNEL=linux traces it on Linux instead.
CMD ?= sh -c "ls / | wc -l"
TRACE_KERNEL ?= tine
.PHONY: trace
trace: $(KERNEL) $(BUILD)/run.cpio | deps
	sh tools/trace.sh "$$(if [ $(TRACE_KERNEL) = linux ]; then sh tools/fetch-linux.sh; else echo $(KERNEL); fi)" \
		$(BUILD)/run.cpio '$(CMD)' $(BUILD)/trace.svg

#!/usr/bin/env python3
# tools/elf-set-align.py FILE ALIGN: set p_align of every PT_LOAD of the
# ELF64 file FILE to ALIGN (in place). Exec honours p_align when it
# places a PIE (Linux's maximum_alignment()); linking with a large
# max-page-size would pad the file to that alignment, this does not.
import struct
import sys

path, align = sys.argv[1], int(sys.argv[2], 0)
with open(path, "r+b") as f:
    ehdr = f.read(64)
    if ehdr[:4] != b"\x7fELF" or ehdr[4] != 2:
        sys.exit(f"{path}: not ELF64")
    phoff, = struct.unpack_from("<Q", ehdr, 32)
    phentsize, phnum = struct.unpack_from("<HH", ehdr, 54)
    for i in range(phnum):
        off = phoff + i * phentsize
        f.seek(off)
        p_type, = struct.unpack("<I", f.read(4))
        if p_type == 1:			# PT_LOAD
            f.seek(off + 48)		# p_align
            f.write(struct.pack("<Q", align))

#!/usr/bin/env python3
"""Cuts the Go buildinfo block out of a real Go binary into a small ELF-headed fixture, and
writes the module list an independent decoder (this script, following Go's
src/debug/buildinfo/buildinfo.go) reads from it. Usage: make_fixture.py BINARY NAME
-> NAME.bin (ELF magic, padding, the buildinfo block, trailing bytes of the binary) and
NAME.expected ("go VERSION", then one "NAME<TAB>VERSION" line per mod/dep with => applied)."""
import sys

MAGIC = b"\xff Go buildinf:"


def uvarint(b, pos):
    value, shift = 0, 0
    while True:
        c = b[pos]
        pos += 1
        value |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return value, pos


def main():
    binary, name = sys.argv[1], sys.argv[2]
    data = open(binary, "rb").read()
    at = data.find(MAGIC)
    assert at >= 0 and data[at + 15] & 2, "no inline buildinfo"
    pos = at + 32
    length, pos = uvarint(data, pos)
    version = data[pos:pos + length].decode()
    pos += length
    length, pos = uvarint(data, pos)
    mod = data[pos:pos + length]
    pos += length
    assert len(mod) >= 33 and mod[-17] == 0x0A
    lines = mod[16:-16].decode().split("\n")
    modules = []
    for line in lines:
        f = line.split("\t")
        if f[0] in ("mod", "dep") and len(f) >= 3:
            modules.append([f[1], f[2]])
        elif f[0] == "=>" and len(f) >= 3 and f[2] and modules:
            modules[-1] = [f[1], f[2]]
    with open(name + ".bin", "wb") as out:
        out.write(b"\x7fELF\x02\x01\x01" + b"\0" * 57)
        out.write(data[at:pos + 64])
    with open(name + ".expected", "w") as out:
        out.write("go " + version + "\n")
        for path, ver in modules:
            out.write(path + "\t" + ver + "\n")


main()

#!/usr/bin/env python3
"""Regenerates the BerkeleyDB rpm databases of this folder from rpmdb.sqlite.zst: the same
package headers written as rpm's legacy `Packages` hash database (key: header instance as a
native-endian uint32, value: the header blob; key 0 holds the last instance, as rpm writes it),
once with 4 KiB pages (headers stored on the hash pages) and once with 512-byte pages (headers
on overflow pages). db5.3_load (package db5.3-util) writes the files; rpm's own read-only BDB
backend (`rpm --define '_db_backend bdb_ro' -qa`) must then list exactly rpmdb.expected, which
this script checks. Tests read only the committed .zst files."""
import os
import sqlite3
import struct
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as work:
    db = os.path.join(work, "rpmdb.sqlite")
    with open(db, "wb") as out:
        out.write(subprocess.run(["zstd", "-dc", os.path.join(here, "rpmdb.sqlite.zst")],
                                 check=True, capture_output=True).stdout)
    with open(db, "r+b") as f:  # WAL -> rollback journal, so Python's sqlite can read a copy
        f.seek(18)
        f.write(b"\x01\x01")
    rows = sqlite3.connect(db).execute("SELECT hnum, blob FROM Packages ORDER BY hnum").fetchall()
    lines = ["VERSION=3", "format=bytevalue", "type=hash", "HEADER=END"]
    lines += [" " + struct.pack("<I", 0).hex(), " " + struct.pack("<I", rows[-1][0]).hex()]
    for hnum, blob in rows:
        lines += [" " + struct.pack("<I", hnum).hex(), " " + bytes(blob).hex()]
    lines.append("DATA=END")
    dump = os.path.join(work, "dump.txt")
    with open(dump, "w") as f:
        f.write("\n".join(lines) + "\n")
    expected = open(os.path.join(here, "rpmdb.expected")).read()
    for name, pagesize in (("Packages.bdb", 4096), ("Packages-512.bdb", 512)):
        dbdir = os.path.join(work, name + ".d")
        os.mkdir(dbdir)
        target = os.path.join(dbdir, "Packages")
        subprocess.run(["db5.3_load", "-f", dump, "-c", "db_pagesize=%d" % pagesize, target],
                       check=True)
        listed = subprocess.run(
            ["rpm", "--dbpath", dbdir, "--define", "_db_backend bdb_ro", "-qa", "--qf",
             "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{LICENSE}\\t"
             "%{VENDOR}\\t%{SOURCERPM}\\n"],
            check=True, capture_output=True, text=True).stdout
        if "".join(sorted(listed.splitlines(True))) != expected:
            sys.exit("rpm does not read %s as expected:\n%s" % (name, listed))
        subprocess.run(["zstd", "-19", "-q", "-f", target, "-o", os.path.join(here, name + ".zst")],
                       check=True)
        print("%s.zst: %d-byte pages, %d headers, read back by rpm" % (name, pagesize, len(rows)))

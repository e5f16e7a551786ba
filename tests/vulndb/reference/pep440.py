#!/usr/bin/python3
# Reference ordering for the PEP 440 differential test: python3-packaging's Version.
# Reads "a<TAB>b" lines on stdin, prints -1, 0 or 1 per line, or "x" when either is invalid.
import sys
from packaging.version import InvalidVersion, Version

out = []
for line in sys.stdin:
    a, b = line.rstrip('\n').split('\t')
    try:
        va, vb = Version(a), Version(b)
    except InvalidVersion:
        out.append('x')
        continue
    out.append('-1' if va < vb else ('1' if va > vb else '0'))
print('\n'.join(out))

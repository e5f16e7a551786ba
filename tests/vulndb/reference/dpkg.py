#!/usr/bin/python3
# Reference ordering for the dpkg differential test: apt's own comparator (python3-apt).
# Reads "a<TAB>b" lines on stdin, prints -1, 0 or 1 per line.
import sys
import apt_pkg

apt_pkg.init_system()
out = []
for line in sys.stdin:
    a, b = line.rstrip('\n').split('\t')
    c = apt_pkg.version_compare(a, b)
    out.append('-1' if c < 0 else ('1' if c > 0 else '0'))
print('\n'.join(out))

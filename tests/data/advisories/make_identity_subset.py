#!/usr/bin/env python3
"""Builds identity-subset.tar.zst: the real OSV records the issue-15 image test
(tests/integration/identity_image_test.cc, image from tests/tools/make-identity-image.sh) needs.

Run once by a developer (never at build or test time):
    make_identity_subset.py SNAPSHOTS_DIR
SNAPSHOTS_DIR holds the shared archives (debian.tar.zst, go.tar.zst, pypi.tar.zst, npm.tar.zst).
Records are copied byte for byte under their upstream paths:
  debian/  every record with a Debian:12 entry for the sources python-urllib3,
           python-cryptography, six;
  go/      every record affecting the Go standard library ("stdlib", "toolchain");
  pypi/    every non-MAL record affecting urllib3, cryptography or six;
  npm/     every non-MAL record affecting lodash.
"""
import io
import json
import subprocess
import sys
import tarfile

WANT = {
    'debian': lambda eco, name: eco == 'Debian:12' and name in {
        'python-urllib3', 'python-cryptography', 'six'},
    'go': lambda eco, name: eco == 'Go' and name in {'stdlib', 'toolchain'},
    'pypi': lambda eco, name: eco == 'PyPI' and name in {'urllib3', 'cryptography', 'six'},
    'npm': lambda eco, name: eco == 'npm' and name == 'lodash',
}


def records(path):
    data = subprocess.run(['zstd', '-dc', path], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith('.json'):
                yield member, tar.extractfile(member).read()


def main():
    snapshots = sys.argv[1]
    out = io.BytesIO()
    count = {}
    with tarfile.open(fileobj=out, mode='w', format=tarfile.PAX_FORMAT) as dst:
        for archive, wanted in WANT.items():
            for member, body in records(f'{snapshots}/{archive}.tar.zst'):
                if '/MAL/' in member.name:
                    continue
                record = json.loads(body)
                if any(wanted(a.get('package', {}).get('ecosystem', ''),
                              a.get('package', {}).get('name', ''))
                       for a in record.get('affected', [])):
                    info = tarfile.TarInfo(member.name)
                    info.size = len(body)
                    info.mtime = member.mtime
                    dst.addfile(info, io.BytesIO(body))
                    count[archive] = count.get(archive, 0) + 1
    subprocess.run(['zstd', '-q', '-19', '-f', '-', '-o', 'identity-subset.tar.zst'],
                   input=out.getvalue(), check=True, cwd=sys.path[0])
    print(count)


if __name__ == '__main__':
    main()

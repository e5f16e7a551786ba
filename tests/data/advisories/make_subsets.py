#!/usr/bin/env python3
"""Builds the project's advisory subsets and the Debian 12 fixture from the shared snapshots.

Run once by a developer (never at build or test time):
    make_subsets.py SNAPSHOTS_DIR EXTRACTED_DIR ROOTFS_STATUS
SNAPSHOTS_DIR holds the original archives (for the CVE table), EXTRACTED_DIR the same
archives extracted (debian/, alpine/, alpine-secdb/, npm/, ...), ROOTFS_STATUS the dpkg status
of a debootstrap bookworm root. Writes, next to this script:
  osv-subset.tar.zst   OSV records, byte for byte, under their upstream paths:
                       every debian/ record naming a source package of the Debian 12 fixture
                       in Debian:12, every alpine/ record naming an origin of the Alpine 3.19
                       fixture in Alpine:v3.19, and, per language archive, the records of a few
                       well-known packages plus some MAL records;
  alpine-secdb-3.19.tar.zst   alpine-secdb/3.19/{main,community}.json;
  cve-severity-subset.tsv.zst the CVE table rows of the CVE ids in the records above;
and ../vuln/debian12.status (compress it with zstd afterwards): the rootfs status with every version rewritten to its bookworm
release form (the "+deb12uN" / "~deb12uN" point-release suffix removed), so that the packages
are older than the fixes in the data.
"""
import io
import json
import os
import re
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
LANGUAGE_PACKAGES = {
    'npm': ('npm', {'lodash', 'minimist', 'express', 'axios', 'jsonwebtoken', 'ws'}),
    'pypi': ('PyPI', {'requests', 'jinja2', 'django', 'urllib3', 'pyyaml', 'pillow'}),
    'go': ('Go', {'golang.org/x/net', 'golang.org/x/crypto', 'github.com/gin-gonic/gin'}),
    'maven': ('Maven', {'com.fasterxml.jackson.core:jackson-databind',
                        'org.apache.logging.log4j:log4j-core'}),
    'crates.io': ('crates.io', {'tokio', 'hyper', 'openssl'}),
    'rubygems': ('RubyGems', {'rails', 'nokogiri', 'rack'}),
}
MAL_PER_ARCHIVE = 20
REWRITE = re.compile(r'[+~]deb12u\d+$')


def release_version(v):
    return REWRITE.sub('', v)


def rewrite_status(src, dst):
    sources = set()
    out = []
    pkg = None
    for line in open(src, encoding='utf-8'):
        if line.startswith('Package: '):
            pkg = line.split(': ', 1)[1].strip()
            sources.add(pkg)
        elif line.startswith('Version: '):
            line = 'Version: ' + release_version(line[9:].strip()) + '\n'
        elif line.startswith('Source: '):
            m = re.match(r'Source: (\S+)(?: \((\S+)\))?', line)
            name, ver = m.group(1), m.group(2)
            sources.discard(pkg)
            sources.add(name)
            line = 'Source: ' + name + (' (' + release_version(ver) + ')' if ver else '') + '\n'
        out.append(line)
    with open(dst, 'w', encoding='utf-8') as fh:
        fh.writelines(out)
    return sources


def alpine_origins(path):
    return {line[2:].strip() for line in open(path, encoding='utf-8') if line.startswith('o:')}


def walk(root):
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith('.json'):
                yield os.path.join(dirpath, f)


def names(rec, eco_pred):
    return {(a.get('package') or {}).get('name') for a in rec.get('affected', [])
            if eco_pred((a.get('package') or {}).get('ecosystem', ''))}


def main():
    snapshots, extracted, status = sys.argv[1:4]
    debian_sources = rewrite_status(status, os.path.join(HERE, '..', 'vuln', 'debian12.status'))
    origins = alpine_origins(os.path.join(HERE, '..', 'vuln', 'alpine319.installed'))
    chosen = []
    for path in walk(os.path.join(extracted, 'debian')):
        rec = json.load(open(path, encoding='utf-8'))
        if names(rec, lambda e: e == 'Debian:12') & debian_sources:
            chosen.append(path)
    for path in walk(os.path.join(extracted, 'alpine')):
        rec = json.load(open(path, encoding='utf-8'))
        if names(rec, lambda e: e == 'Alpine:v3.19') & origins:
            chosen.append(path)
    for archive, (eco, wanted) in LANGUAGE_PACKAGES.items():
        mal = 0
        for path in walk(os.path.join(extracted, archive)):
            rec = json.load(open(path, encoding='utf-8'))
            if rec['id'].startswith('MAL-'):
                if mal < MAL_PER_ARCHIVE and names(rec, lambda e: e == eco):
                    mal += 1
                    chosen.append(path)
            elif names(rec, lambda e: e == eco) & wanted:
                chosen.append(path)
    cves = set()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(set(chosen)):
            rec = json.load(open(path, encoding='utf-8'))
            for i in [rec['id']] + rec.get('aliases', []) + rec.get('related', []):
                if i.startswith('CVE-'):
                    cves.add(i)
            info = tar.gettarinfo(path, arcname=os.path.relpath(path, extracted))
            info.uid = info.gid = 0
            info.uname = info.gname = ''
            info.mtime = 0
            with open(path, 'rb') as fh:
                tar.addfile(info, fh)
    zstd(buf.getvalue(), os.path.join(HERE, 'osv-subset.tar.zst'))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.PAX_FORMAT) as tar:
        for name in ('main.json', 'community.json'):
            path = os.path.join(extracted, 'alpine-secdb', '3.19', name)
            info = tar.gettarinfo(path, arcname='alpine-secdb/3.19/' + name)
            info.uid = info.gid = 0
            info.uname = info.gname = ''
            info.mtime = 0
            with open(path, 'rb') as fh:
                tar.addfile(info, fh)
    zstd(buf.getvalue(), os.path.join(HERE, 'alpine-secdb-3.19.tar.zst'))
    table = subprocess.run(['zstd', '-dc', os.path.join(snapshots, 'cve-severity.tsv.zst')],
                           check=True, capture_output=True).stdout.decode('utf-8')
    secdb_cves = set(re.findall(r'CVE-\d+-\d+', open(os.path.join(
        extracted, 'alpine-secdb', '3.19', 'main.json'), encoding='utf-8').read()))
    keep = cves | secdb_cves
    rows = [l for i, l in enumerate(table.split('\n')) if i == 0 or l.split('\t', 1)[0] in keep]
    zstd('\n'.join(rows).encode('utf-8') + b'\n', os.path.join(HERE, 'cve-severity-subset.tsv.zst'))
    print(len(set(chosen)), 'records,', len(rows) - 1, 'CVE rows')


def zstd(data, dst):
    subprocess.run(['zstd', '-19', '-q', '-f', '-o', dst], input=data, check=True)


if __name__ == '__main__':
    main()

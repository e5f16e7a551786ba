#!/usr/bin/env python3
"""Builds the version-pair corpora of the differential version tests from OSV snapshots.

Run once by a developer (not at test time): make_pairs.py SNAPSHOT_DIR OUT_DIR, where
SNAPSHOT_DIR holds the extracted archives of shared/data/advisories (debian/, alpine/,
alpine-secdb/, npm/, pypi/, go/, maven/, crates.io/, rubygems/). For each scheme it collects
every version string the advisories name (range events and `versions` lists), then writes
pairs: neighbours within one package (the comparisons matching really makes) and random
pairs across packages, deterministic (seeded). Output: OUT_DIR/<scheme>.pairs, one
"a<TAB>b" per line; the test data are these files compressed with zstd.
"""
import collections
import json
import os
import random
import sys

SCHEMES = {
    # scheme: (archive folders, ecosystem predicate)
    'dpkg': (['debian'], lambda e: e.startswith('Debian')),
    'apk': (['alpine'], lambda e: e.startswith('Alpine')),
    'semver': (['npm', 'go', 'crates.io'], lambda e: e in ('npm', 'Go', 'crates.io')),
    'pep440': (['pypi'], lambda e: e == 'PyPI'),
    'maven': (['maven'], lambda e: e == 'Maven'),
    'rubygems': (['rubygems'], lambda e: e == 'RubyGems'),
}
PAIRS_PER_SCHEME = 6000


def versions_of(root, folders, want):
    by_pkg = collections.defaultdict(set)
    for folder in folders:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for f in files:
                if not f.endswith('.json'):
                    continue
                with open(os.path.join(dirpath, f), encoding='utf-8') as fh:
                    rec = json.load(fh)
                for aff in rec.get('affected', []):
                    pkg = aff.get('package') or {}
                    eco = pkg.get('ecosystem', '')
                    if not want(eco):
                        continue
                    key = (eco, pkg.get('name', ''))
                    for v in aff.get('versions', []) or []:
                        by_pkg[key].add(v)
                    for r in aff.get('ranges', []) or []:
                        if r.get('type') == 'GIT':
                            continue
                        for ev in r.get('events', []):
                            for k, v in ev.items():
                                if k in ('introduced', 'fixed', 'last_affected') and v != '0':
                                    by_pkg[key].add(v)
    return by_pkg


def secdb_versions(root):
    by_pkg = collections.defaultdict(set)
    for dirpath, _, files in os.walk(os.path.join(root, 'alpine-secdb')):
        for f in files:
            if f.endswith('.json'):
                with open(os.path.join(dirpath, f), encoding='utf-8') as fh:
                    doc = json.load(fh)
                for p in doc.get('packages', []):
                    pkg = p['pkg']
                    for v in (pkg.get('secfixes') or {}):
                        if v != '0':
                            by_pkg[('secdb', pkg['name'])].add(v)
    return by_pkg


def make_pairs(by_pkg, rng):
    pairs = []
    pkgs = sorted(by_pkg)
    everything = sorted({v for vs in by_pkg.values() for v in vs})
    for key in pkgs:
        vs = sorted(by_pkg[key])
        rng.shuffle(vs)
        for a, b in zip(vs, vs[1:]):
            pairs.append((a, b))
    rng.shuffle(pairs)
    pairs = pairs[: PAIRS_PER_SCHEME * 2 // 3]
    while len(pairs) < PAIRS_PER_SCHEME and len(everything) > 1:
        pairs.append((rng.choice(everything), rng.choice(everything)))
    return [(a, b) for a, b in pairs if '\t' not in a + b and '\n' not in a + b]


def main():
    root, out = sys.argv[1], sys.argv[2]
    rng = random.Random(20250218)
    for scheme, (folders, want) in SCHEMES.items():
        by_pkg = versions_of(root, folders, want)
        if scheme == 'apk':
            by_pkg.update(secdb_versions(root))
        pairs = make_pairs(by_pkg, rng)
        with open(os.path.join(out, scheme + '.pairs'), 'w', encoding='utf-8') as fh:
            for a, b in pairs:
                fh.write(f'{a}\t{b}\n')
        print(scheme, len(pairs))


if __name__ == '__main__':
    main()

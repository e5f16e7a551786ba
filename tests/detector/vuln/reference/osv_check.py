#!/usr/bin/python3
"""Independent check of the vulnerability matcher, run by the detector tests.

    osv_check.py debian STATUS_FILE OSV_TAR_ZST...
    osv_check.py alpine INSTALLED_FILE SECDB_TAR_ZST OSV_TAR_ZST...

Prints one "binary-package<TAB>advisory-id" line per finding, sorted. Written separately from
the C++ matcher, from the OSV schema and the rules in src/detector/vuln/detector.h:
- records are deduplicated by id, keeping the newest `modified`;
- Debian: entries of "Debian:12" whose name is the package's source; versions compared with
  apt's own comparator (python3-apt); a DSA/DLA/DTSA joins the CVEs it names, is dropped when
  one of those CVEs has a Debian:12 entry for the package, and stays on its own otherwise;
- Alpine: entries of "Alpine:v3.19" by origin; secdb decides for the ids it lists (fixed "0"
  = never affected, else affected below a fixed version), OSV for the other ids; versions
  compared with a small apk comparator written here.
OSV range walk: events sorted by version ("0" first; introduced, last_affected, fixed, limit on
ties), introduced <= v on, fixed <= v off, last_affected < v off, limit <= v excludes.
"""
import functools
import json
import re
import subprocess
import sys
import tarfile

import apt_pkg


def read_tar(path):
    """Yields (name, bytes) of the regular files of a .tar.zst."""
    proc = subprocess.Popen(['zstd', '-dc', path], stdout=subprocess.PIPE)
    with tarfile.open(fileobj=proc.stdout, mode='r|') as tar:
        for member in tar:
            if member.isfile():
                yield member.name, tar.extractfile(member).read()
    proc.wait()


def load_records(paths):
    records = {}
    for path in paths:
        for name, data in read_tar(path):
            if not name.endswith('.json'):
                continue
            rec = json.loads(data)
            if 'affected' not in rec:
                continue
            old = records.get(rec['id'])
            if old is None or rec['modified'] > old['modified']:
                records[rec['id']] = rec
    return records


def is_affected(version, ranges, versions, cmp):
    if version in versions:
        return True
    rank = {'introduced': 0, 'last_affected': 1, 'fixed': 2, 'limit': 3}
    for r in ranges:
        if r.get('type') not in ('ECOSYSTEM', 'SEMVER'):
            continue
        events = []
        for e in r.get('events', []):
            for kind in rank:
                if kind in e:
                    events.append((kind, e[kind]))
                    break

        def order(a, b):
            if a[1] == '0' or b[1] == '0':
                c = (a[1] != '0') - (b[1] != '0')
            else:
                c = cmp(a[1], b[1])
            return c if c else rank[a[0]] - rank[b[0]]

        events.sort(key=functools.cmp_to_key(order))
        on, excluded = False, False
        for kind, v in events:
            if kind == 'introduced' and (v == '0' or cmp(version, v) >= 0):
                on = True
            elif kind == 'fixed' and cmp(version, v) >= 0:
                on = False
            elif kind == 'last_affected' and cmp(version, v) > 0:
                on = False
            elif kind == 'limit' and cmp(version, v) >= 0:
                excluded = True
        if on and not excluded:
            return True
    return False


def stanzas(text):
    for block in text.split('\n\n'):
        fields = {}
        for line in block.split('\n'):
            if line and not line.startswith(' ') and ':' in line:
                k, v = line.split(':', 1)
                fields[k] = v.strip()
        if fields:
            yield fields


def debian(status_path, osv_paths):
    apt_pkg.init_system()
    records = load_records(osv_paths)
    by_source = {}
    for rec in records.values():
        for a in rec['affected']:
            pkg = a.get('package') or {}
            if pkg.get('ecosystem') == 'Debian:12':
                by_source.setdefault(pkg['name'], []).append((rec, a))
    out = set()
    for f in stanzas(open(status_path, encoding='utf-8').read()):
        if f.get('Status') != 'install ok installed':
            continue
        source, source_version = f['Package'], f['Version']
        if 'Source' in f:
            m = re.match(r'(\S+)(?: \((\S+)\))?', f['Source'])
            source = m.group(1)
            source_version = m.group(2) or f['Version']
        entries = by_source.get(source, [])
        known = {rec['id'] for rec, _ in entries}
        hits = set()
        for rec, a in entries:
            if is_affected(source_version, a.get('ranges', []), a.get('versions', []),
                           apt_pkg.version_compare):
                hits.add(rec['id'])
        for rid in sorted(hits):
            if re.match(r'(DSA|DLA|DTSA)-', rid):
                rec = records[rid]
                named = set(rec.get('related', [])) | set(rec.get('aliases', []))
                if named & known:
                    continue
            out.add((f['Package'], rid))
    return out


def apk_tokens(v):
    """apk version -> comparable list of (class, value); classes follow apk's token order."""
    m = re.match(r'^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)'
                 r'(?:-r(\d+))?$', v)
    if not m:
        return [(9, v)]
    nums, letter, suffixes, rev = m.groups()
    toks = [(1, int(n)) for n in nums.split('.')]
    if letter:
        toks.append((2, ord(letter)))
    order = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p']
    for s in re.findall(r'_([a-z]+)(\d*)', suffixes):
        toks.append((3, order.index(s[0]) - 4, int(s[1] or 0)))
    toks.append((5, int(rev or 0)))
    return toks


def apk_cmp(a, b):
    ta, tb = apk_tokens(a), apk_tokens(b)
    for x, y in zip(ta, tb):
        if x == y:
            continue
        if x[0] != y[0]:
            # a missing component: suffix < end-of-release parts < more numbers
            def weight(t):
                if t[0] == 3:
                    return -1 if t[1] < 0 else 2
                return {1: 3, 2: 2, 5: 0}.get(t[0], 0)
            return (weight(x) > weight(y)) - (weight(x) < weight(y))
        return (x > y) - (x < y)
    return (len(ta) > len(tb)) - (len(ta) < len(tb))


def alpine(installed_path, secdb_path, osv_paths):
    secdb = {}
    for name, data in read_tar(secdb_path):
        doc = json.loads(data)
        for p in doc.get('packages', []):
            pkg = p['pkg']
            for fixed, ids in (pkg.get('secfixes') or {}).items():
                for raw in ids:
                    toks = raw.split()
                    cves = [t for t in toks if t.startswith('CVE-')]
                    if not cves and toks and '-' in toks[0]:
                        cves = [toks[0]]
                    for cve in cves:
                        secdb.setdefault(pkg['name'], {}).setdefault(cve, []).append(fixed)
    records = load_records(osv_paths)
    by_origin = {}
    for rec in records.values():
        for a in rec['affected']:
            pkg = a.get('package') or {}
            if pkg.get('ecosystem') == 'Alpine:v3.19':
                by_origin.setdefault(pkg['name'], []).append((rec, a))
    out = set()
    for f in stanzas(open(installed_path, encoding='utf-8').read()):
        name, version, origin = f['P'], f['V'], f.get('o', f['P'])
        fixes = secdb.get(origin, {})
        for cve, fixed_list in fixes.items():
            if '0' in fixed_list:
                continue
            if any(apk_cmp(version, fx) < 0 for fx in fixed_list):
                out.add((name, cve))
        for rec, a in by_origin.get(origin, []):
            if rec['id'] in fixes:
                continue
            if is_affected(version, a.get('ranges', []), a.get('versions', []), apk_cmp):
                out.add((name, rec['id']))
    return out


def main():
    mode = sys.argv[1]
    if mode == 'debian':
        pairs = debian(sys.argv[2], sys.argv[3:])
    else:
        pairs = alpine(sys.argv[2], sys.argv[3], sys.argv[4:])
    for p, i in sorted(pairs):
        print(f'{p}\t{i}')


if __name__ == '__main__':
    main()

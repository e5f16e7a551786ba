#!/usr/bin/env bash
# Benchmark of the vulnerability database and matcher (issue 3), in one run:
#   1. `portcullis db import` of all shared OSV snapshots, Alpine secdb and the CVE table into a
#      fresh database, next to the physical floor: `zstd -dc` of the same archives to /dev/null;
#      then the incremental re-import (nothing changed);
#   2. matching the debootstrap Debian 12 image's packages against that full database: the
#      packages as a CycloneDX SBOM (from the image's dpkg status, 12.0 versions so that they
#      are vulnerable) scanned with `image sbom:FILE`, next to the same scan without the vuln
#      scanner (reading the SBOM only); the difference is the matching;
#   3. per-package lookup cost: an SBOM of 5,000 npm packages named in the database;
#   4. `portcullis image` of the debootstrap OCI image with and without the vuln scanner, next
#      to the foundation floor (igzip -dc of its layers).
# Needs scripts/setup, a build in build/, and ../shared/data/advisories (benchmarks only).
#   bench/vuln.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
data=${PORTCULLIS_ADVISORIES:-$(cd .. && pwd)/shared/data/advisories}
[ -d "$data" ] || data=/work/shared/data/advisories
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
bin=./build/portcullis
[ -x "$bin" ] || { echo "build first: cmake -S . -B build -G Ninja && cmake --build build" >&2; exit 1; }
archives=("$data"/debian.tar.zst "$data"/alpine.tar.zst "$data"/alpine-secdb.tar.zst \
  "$data"/npm.tar.zst "$data"/pypi.tar.zst "$data"/go.tar.zst "$data"/maven.tar.zst \
  "$data"/crates.io.tar.zst "$data"/rubygems.tar.zst "$data"/cve-severity.tsv.zst)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
wall() { /usr/bin/time -o "$work/t" -f '%e' "$@" >/dev/null 2>&1; cat "$work/t"; }

# 1. import
floor_t=(); import_t=(); reimport_t=()
for _ in $(seq "$runs"); do
  floor_t+=("$(wall sh -c "for f in ${archives[*]}; do zstd -dc \"\$f\"; done")")
  rm -f "$work/db.sqlite"*
  import_t+=("$(wall "$bin" db --db "$work/db.sqlite" import -q "${archives[@]}")")
  reimport_t+=("$(wall "$bin" db --db "$work/db.sqlite" import -q "${archives[@]}")")
done
floor=$(printf '%s\n' "${floor_t[@]}" | median)
import=$(printf '%s\n' "${import_t[@]}" | median)
reimport=$(printf '%s\n' "${reimport_t[@]}" | median)
# CPU seconds (user + system) and peak RSS of one more fresh import: wall time on a shared
# machine is mostly waiting for a core.
read -r cpu rss < <( { /usr/bin/time -f '%U %S %M' "$bin" db --db "$work/db2.sqlite" import -q \
  "${archives[@]}"; } 2>&1 | tail -1 | awk '{print $1 + $2, $3}')
floor_cpu=$( { /usr/bin/time -f '%U %S' sh -c "for f in ${archives[*]}; do zstd -dc \"\$f\"; done >/dev/null"; } \
  2>&1 | tail -1 | awk '{print $1 + $2}')
dbsize=$(du -m "$work/db.sqlite" | cut -f1)

# 2. the debootstrap image's packages as an SBOM (12.0 versions)
tests/tools/make-debian-image.sh >/dev/null
python3 - "$cache/bookworm-rootfs/var/lib/dpkg/status" "$work/debian.cdx.json" <<'PY'
import json, re, sys
comps, pkg = [{"type": "operating-system", "name": "debian", "version": "12.0"}], {}
def flush():
    if pkg.get('Status') == 'install ok installed':
        src = pkg.get('Source', pkg['Package']).split(' ')[0]
        ver = re.sub(r'[+~]deb12u\d+$', '', pkg['Version'])
        comps.append({"type": "library", "name": pkg['Package'], "version": ver,
                      "purl": f"pkg:deb/debian/{pkg['Package']}@{ver}?upstream={src}&distro=debian-12"})
for line in open(sys.argv[1], encoding='utf-8').read().split('\n') + ['']:
    if not line:
        if pkg: flush()
        pkg = {}
    elif not line.startswith(' ') and ':' in line:
        k, v = line.split(':', 1); pkg[k] = v.strip()
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": comps},
          open(sys.argv[2], 'w'))
print(len(comps) - 1)
PY
debpkgs=$(python3 -c "import json;print(len(json.load(open('$work/debian.cdx.json'))['components'])-1)")
# 3. 5,000 npm packages named in the database, at version 0.0.1
sqlite3 "$work/db.sqlite" "SELECT DISTINCT name FROM affected WHERE ecosystem='npm' LIMIT 5000" \
  | python3 -c "
import json,sys
names=[l.strip() for l in sys.stdin if l.strip()]
comps=[{'type':'library','name':n,'purl':'pkg:npm/'+n.replace('@','%40')+'@0.0.1'} for n in names]
json.dump({'bomFormat':'CycloneDX','specVersion':'1.5','components':comps},open('$work/npm.cdx.json','w'))"
npmpkgs=$(python3 -c "import json;print(len(json.load(open('$work/npm.cdx.json'))['components']))")
read_t=(); match_t=(); nread_t=(); nmatch_t=()
for _ in $(seq "$runs"); do
  read_t+=("$(wall "$bin" image "sbom:$work/debian.cdx.json" --scanners secret -q -f json)")
  match_t+=("$(wall "$bin" image "sbom:$work/debian.cdx.json" --db "$work/db.sqlite" -q -f json)")
  nread_t+=("$(wall "$bin" image "sbom:$work/npm.cdx.json" --scanners secret -q -f json)")
  nmatch_t+=("$(wall "$bin" image "sbom:$work/npm.cdx.json" --db "$work/db.sqlite" -q -f json)")
done
read=$(printf '%s\n' "${read_t[@]}" | median)
match=$(printf '%s\n' "${match_t[@]}" | median)
nread=$(printf '%s\n' "${nread_t[@]}" | median)
nmatch=$(printf '%s\n' "${nmatch_t[@]}" | median)
findings=$("$bin" image "sbom:$work/debian.cdx.json" --db "$work/db.sqlite" -q -f json |
  python3 -c "import json,sys;print(len(json.load(sys.stdin)['vulnerabilities']))")

# 4. the image itself
oci="$cache/bookworm-oci"
manifest=$(python3 -c "import json;i=json.load(open('$oci/index.json'));print(i['manifests'][0]['digest'][7:])")
layers=$(python3 -c "
import json;m=json.load(open('$oci/blobs/sha256/$manifest'))
print(' '.join('$oci/blobs/sha256/'+l['digest'][7:] for l in m['layers']))")
ifloor_t=(); isbom_t=(); ivuln_t=()
for _ in $(seq "$runs"); do
  ifloor_t+=("$(wall sh -c "for l in $layers; do igzip -dc \"\$l\"; done")")
  isbom_t+=("$(wall "$bin" sbom "$oci" -q -f json)")
  ivuln_t+=("$(wall "$bin" image "$oci" --scanners vuln --db "$work/db.sqlite" -q -f json)")
done
ifloor=$(printf '%s\n' "${ifloor_t[@]}" | median)
isbom=$(printf '%s\n' "${isbom_t[@]}" | median)
ivuln=$(printf '%s\n' "${ivuln_t[@]}" | median)

printf '%-58s %8s s\n' "floor: zstd -dc of the 10 archives (580 MB of JSON)" "$floor"
printf '%-58s %8s s   %sx floor, peak RSS %d MB, DB %s MB\n' "db import, fresh database (median of $runs)" \
  "$import" "$(python3 -c "print(f'{$import/$floor:.1f}')")" "$((rss / 1024))" "$dbsize"
printf '%-58s %8s s   (floor %s s CPU: %sx)\n' "db import CPU time (user+sys)" "$cpu" "$floor_cpu" \
  "$(python3 -c "print(f'{$cpu/$floor_cpu:.1f}')")"
printf '%-58s %8s s\n' "db import again (all unchanged)" "$reimport"
printf '%-58s %8s s\n' "image sbom:debian ($debpkgs packages), no vuln scanner" "$read"
printf '%-58s %8s s   %s findings\n' "image sbom:debian, vuln against the full database" "$match" "$findings"
printf '%-58s %8s s\n' "image sbom:npm ($npmpkgs packages), no vuln scanner" "$nread"
printf '%-58s %8s s\n' "image sbom:npm, vuln against the full database" "$nmatch"
python3 - "$match" "$read" "$debpkgs" "$nmatch" "$nread" "$npmpkgs" <<'PY'
import sys
m, r, n, nm, nr, nn = map(float, sys.argv[1:])
print(f"matching per package: Debian {1e3*(m-r)/n:.2f} ms, npm {1e3*(nm-nr)/nn:.3f} ms")
PY
printf '%-58s %8s s\n' "floor: igzip -dc of the image layers" "$ifloor"
printf '%-58s %8s s\n' "portcullis sbom IMAGE" "$isbom"
printf '%-58s %8s s   %sx floor (goal <= 2x)\n' "portcullis image IMAGE --scanners vuln" "$ivuln" \
  "$(python3 -c "print(f'{$ivuln/$ifloor:.2f}')")"

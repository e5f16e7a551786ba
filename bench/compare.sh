#!/usr/bin/env bash
# Before/after comparison of two portcullis binaries on the workloads of bench/sbom.sh and
# bench/dockerfile.sh, in one run, with the physical floor of each beside them:
#   - sbom: `portcullis sbom -f cyclonedx` of the debootstrap Debian 12 OCI image vs `igzip -dc`
#     of its gzip layers;
#   - dockerfile: `portcullis dockerfile DIR -f json` over N generated Dockerfiles
#     (bench/dockerfile_gen.py) vs `cat` of the same files.
# Used to show that a refactoring (issue 11: one library per stage, the library API) keeps the
# figures. Output goes to stdout redirections, never `-o` (an old binary could replace a device).
#   bench/compare.sh BEFORE_BINARY AFTER_BINARY [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 runs=${3:-7}
N=${N:-10000}
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
tests/tools/make-debian-image.sh
oci="$cache/bookworm-oci"
manifest=$(python3 -c "import json;i=json.load(open('$oci/index.json'));print(i['manifests'][0]['digest'][7:])")
layers=$(python3 -c "
import json;m=json.load(open('$oci/blobs/sha256/$manifest'))
print(' '.join('$oci/blobs/sha256/'+l['digest'][7:] for l in m['layers']))")
work=bench/.work/compare
rm -rf "$work" && mkdir -p "$work"
python3 bench/dockerfile_gen.py "$work/files" "$N" >/dev/null

hyperfine --style basic -N -w 1 -r "$runs" -i --export-json "$work/sbom.json" \
  -n floor "bash -c 'for l in $layers; do igzip -dc \$l; done >/dev/null'" \
  -n before "bash -c '$before sbom oci:$oci -f cyclonedx -q >/dev/null'" \
  -n after "bash -c '$after sbom oci:$oci -f cyclonedx -q >/dev/null'" >/dev/null
hyperfine --style basic -N -w 1 -r "$runs" -i --export-json "$work/dockerfile.json" \
  -n floor "bash -c 'find $work/files -type f -exec cat {} + >/dev/null'" \
  -n before "bash -c '$before dockerfile $work/files -f json -q >/dev/null'" \
  -n after "bash -c '$after dockerfile $work/files -f json -q >/dev/null'" >/dev/null
python3 - "$work" "$N" <<'PY'
import json, sys, statistics
work, n = sys.argv[1], int(sys.argv[2])
print("| workload | floor | before | after | before/floor | after/floor | after/before |")
print("|---|---|---|---|---|---|---|")
for name, label in (("sbom", "sbom -f cyclonedx, Debian 12 image"),
                    ("dockerfile", f"dockerfile -f json, {n} files")):
    r = {x["command"]: statistics.median(x["times"]) for x in json.load(open(f"{work}/{name}.json"))["results"]}
    f, b, a = r["floor"], r["before"], r["after"]
    print(f"| {label} | {f:.3f} s | {b:.3f} s | {a:.3f} s | {b/f:.2f}x | {a/f:.2f}x | {a/b:.2f}x |")
PY

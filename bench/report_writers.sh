#!/usr/bin/env bash
# Benchmark of the report writers (issue 2, report formats): every format written from one
# large synthetic image report (default 3,000 packages, 10,000 vulnerabilities, 300 secrets,
# 300 misconfigurations), measured side by side in one run with
#   - the physical floor: copying the same output bytes out through write(2) to /dev/null;
#   - a peer: Python's C-accelerated json.dumps(indent=2) of the very same JSON documents
#     (what a Python SBOM/SARIF tool pays at least to serialise them), and jq re-printing them.
# Usage: bench/report_writers.sh [PACKAGES] [VULNERABILITIES]   (after a build in build/)
set -euo pipefail
cd "$(dirname "$0")/.."
packages=${1:-3000}
vulns=${2:-10000}
work=bench/.work/report_writers
mkdir -p "$work"
test -x build/portcullis_tests || { echo "build first: cmake --build build" >&2; exit 1; }

echo "== portcullis writers (in process, best of 5) =="
PORTCULLIS_BENCH_PACKAGES=$packages PORTCULLIS_BENCH_VULNS=$vulns PORTCULLIS_BENCH_OUT=$work \
  /usr/bin/time -f "peak RSS of the whole run (report + every output): %M KB" \
  build/portcullis_tests --gtest_also_run_disabled_tests \
  --gtest_filter='ReportWriterBench.DISABLED_Formats' 2>&1 |
  grep -v -E '^\[|^Note:|^$|Running main'

echo "== peer: python3 json.dumps(indent=2) of the same documents (in process, best of 5) =="
/usr/bin/python3 - "$work" <<'PY'
import json, pathlib, sys, time
work = pathlib.Path(sys.argv[1])
print(f"{'format':<10} {'bytes':>12} {'peer_ms':>10}")
for name in ("json", "sarif", "cyclonedx", "spdx"):
    doc = json.loads((work / name).read_text(encoding="utf-8"))
    best = 1e300
    for _ in range(5):
        start = time.perf_counter()
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        best = min(best, time.perf_counter() - start)
    print(f"{name:<10} {len(text.encode()):>12} {best * 1e3:>10.2f}")
PY

echo "== peer: jq . (parse and print, whole process, best of 5 via hyperfine) =="
for name in json sarif cyclonedx spdx; do
  hyperfine -N --warmup 1 --runs 5 --style none --export-json "$work/jq-$name.json" \
    "jq . $work/$name" >/dev/null 2>&1
  /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; \
print(f\"{sys.argv[2]:<10} jq_ms {min(r['times'])*1e3:10.2f}\")" "$work/jq-$name.json" "$name"
done

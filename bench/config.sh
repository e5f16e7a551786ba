#!/usr/bin/env bash
# Benchmark of `portcullis config` (issue 7). Generates N Kubernetes manifests (default 20,000,
# Helm-rendered style, 50 per file; bench/config_gen.py) and C compose projects (default 500),
# then measures, in the same run:
#   - floors on the same manifests: reading every file (cat), libyaml's event parser alone (the
#     parser portcullis uses), yaml-cpp's YAML::LoadAll alone;
#   - portcullis config on them: all findings as JSON, and a CI gate (--severity HIGH,CRITICAL);
#     on all cores and on one;
#   - on the compose projects: portcullis config against the peer dclint (npm, the only
#     compose linter installable here; no Kubernetes linter is installable from Debian or npm —
#     kube-linter, kubeconform, kubesec, Trivy and Checkov are Go or PyPI distributions).
# Each command runs RUNS times (default 3); medians of wall and CPU (user+sys) seconds are
# reported. The machine is shared, so CPU seconds are the steadier figure. Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-20000}
C=${C:-500}
RUNS=${RUNS:-3}
bin=${PORTCULLIS:-build/portcullis}
work=bench/.work/config
peers=bench/.peers
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build build)" >&2; exit 1; }

if [ ! -x "$peers/node_modules/.bin/dclint" ]; then
  mkdir -p "$peers"
  npm install --silent --no-audit --no-fund --prefix "$peers" dclint@3.1.0 >/dev/null
fi
dclint=$peers/node_modules/.bin/dclint

rm -rf "$work" && mkdir -p "$work"
python3 bench/config_gen.py "$work/gen" "$N" 50 "$C" > "$work/gen.txt"
find "$work/gen/k8s" -type f | sort > "$work/k8s.list"
find "$work/gen/compose" -name docker-compose.yml | sort > "$work/compose.list"
cc -O2 -o "$work/libyaml_floor" bench/libyaml_floor.c $(pkg-config --cflags --libs yaml-0.1)
c++ -O2 -std=c++17 -o "$work/yamlcpp_floor" bench/yaml_floor.cc $(pkg-config --cflags --libs yaml-cpp)

# median LIST: the middle value.
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

# time_it NAME CMD: runs CMD RUNS times and appends "NAME wall cpu" to $work/results.
time_it() {
  local walls=() cpus=() e u s
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S' -o "$work/t" bash -c "$2" > /dev/null 2>&1 || true
    read -r e u s < <(tail -n 1 "$work/t")
    walls+=("$e")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
  done
  echo "$1|$(median "${walls[@]}")|$(median "${cpus[@]}")" >> "$work/results"
}

k8s=$work/gen/k8s
time_it "floor: cat every file" "xargs -a $work/k8s.list -d '\n' cat"
time_it "floor: libyaml events only (1 core)" "$work/libyaml_floor < $work/k8s.list"
time_it "floor: yaml-cpp LoadAll (1 core)" "$work/yamlcpp_floor < $work/k8s.list"
time_it "portcullis config -f json, all findings (all cores)" "$bin config $k8s -f json -o $work/k8s.json -q"
time_it "portcullis config -f json, all findings (1 core)" "$bin config $k8s -f json -o /dev/null -q --parallel 1"
time_it "portcullis config --severity HIGH,CRITICAL (all cores)" "$bin config $k8s -f json -o /dev/null -q --severity HIGH,CRITICAL"
time_it "portcullis config --severity HIGH,CRITICAL (1 core)" "$bin config $k8s -f json -o /dev/null -q --severity HIGH,CRITICAL --parallel 1"
compose=$work/gen/compose
time_it "compose: portcullis config -f json (all cores)" "$bin config $compose -f json -o $work/compose.json -q"
time_it "compose: dclint 3.1.0 -r -f json" "$dclint -r -f json $compose > $work/dclint.json"

findings=$(python3 -c "import json; print(len(json.load(open('$work/k8s.json'))['misconfigurations']))")
compose_findings=$(python3 -c "import json; print(len(json.load(open('$work/compose.json'))['misconfigurations']))")
dclint_findings=$(python3 -c "import json; print(sum(len(f.get('messages', [])) for f in json.load(open('$work/dclint.json'))))" 2>/dev/null || echo "?")

echo "Kubernetes manifests: $N in $(wc -l < "$work/k8s.list") files ($(du -sm "$k8s" | cut -f1) MiB);" \
     "compose files: $C (5 services each); median of $RUNS runs; $(nproc) cores; $(date -u +%F)"
echo
echo "| what | wall s | CPU s | items/s (wall) | items/s (CPU) | CPU / libyaml floor |"
echo "|---|---|---|---|---|---|"
floor_cpu=$(grep '^floor: libyaml' "$work/results" | cut -d'|' -f3)
while IFS='|' read -r name wall cpu; do
  items=$N
  [[ $name == compose:* ]] && items=$C
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v i="$items" -v f="$floor_cpu" 'BEGIN {
    if (w <= 0) w = 0.01; if (c <= 0) c = 0.01;
    ratio = (n ~ /^compose/) ? "-" : sprintf("%.1fx", c / f);
    printf "| %s | %.2f | %.2f | %.0f | %.0f | %s |\n", n, w, c, i / w, i / c, ratio }'
done < "$work/results"
echo
echo "portcullis findings: $findings on the manifests, $compose_findings on the compose files;" \
     "dclint problems on the compose files: $dclint_findings; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

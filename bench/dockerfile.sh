#!/usr/bin/env bash
# Benchmark of `portcullis dockerfile` (issue 5): lint N generated Dockerfiles (default 10,000,
# from bench/dockerfile_gen.py) and report files per second, side by side in the same run with
#   - the physical floor: reading every file once (cat > /dev/null), and
#   - the peer: dockerfilelint (npm, installed into bench/.peers), on the same files.
# Hadolint, the reference Dockerfile linter, is a Haskell binary that no Debian or npm package
# ships, so it cannot be installed here and is not measured.
# Each tool runs RUNS times (default 3); the median wall time counts. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-3}
work=bench/.work/dockerfile
files=$work/files
binary=${PORTCULLIS:-build/portcullis}
peers=bench/.peers

[ -x "$binary" ] || { echo "build first: cmake --build build (no $binary)" >&2; exit 1; }
if [ ! -x "$peers/node_modules/.bin/dockerfilelint" ]; then
  mkdir -p "$peers"
  npm install --silent --no-audit --no-fund --prefix "$peers" dockerfilelint@1.8.0 >/dev/null
fi
dockerfilelint=$peers/node_modules/.bin/dockerfilelint

rm -rf "$work"
mkdir -p "$work"
python3 bench/dockerfile_gen.py "$files" "$N" >/dev/null
find "$files" -type f | sort > "$work/list"
bytes=$(du -sb "$files" | cut -f1)

# Runs the shell command $1 RUNS times; prints "wall cpu": the medians of wall-clock seconds
# and of CPU seconds (user + system, children included). The machine may be shared, so CPU
# time is the steadier measure; both are reported.
measure() {
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" bash -c "$1" >/dev/null 2>&1 || true
    read -r e u s < <(tail -1 "$work/time")
    walls+=("$e")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
  done
  local mid=$(( (RUNS + 1) / 2 ))
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${mid}p") $(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")"
}

read -r w_floor c_floor < <(measure "xargs -a '$work/list' -d '\n' cat > /dev/null")
read -r w_json c_json < <(measure "'$binary' dockerfile '$files' -f json -o '$work/portcullis.json' -q")
read -r w_one c_one < <(measure "'$binary' dockerfile '$files' -f json -o /dev/null -q --parallel 1")
read -r w_peer c_peer < <(measure "xargs -a '$work/list' -d '\n' -n 1000 '$dockerfilelint' -j > '$work/dockerfilelint.json'")
# One process per file, as a CI job lints its repository's Dockerfile: on a sample.
SAMPLE=${SAMPLE:-200}
head -n "$SAMPLE" "$work/list" > "$work/sample"
read -r w_one_pc c_one_pc < <(measure "while read -r f; do '$binary' dockerfile \"\$f\" -f json -q; done < '$work/sample' > /dev/null")
read -r w_one_peer c_one_peer < <(measure "while read -r f; do '$dockerfilelint' -j \"\$f\"; done < '$work/sample' > /dev/null")

findings=$(python3 -c "import json;print(len(json.load(open('$work/portcullis.json'))['misconfigurations']))")
rate() { awk -v n="$N" -v t="$1" 'BEGIN {if (t <= 0) t = 0.01; printf "%.0f", n / t}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b <= 0) b = 0.01; printf "%.1f", a / b}'; }
row() {  # name wall cpu
  echo "| $1 | $2 | $3 | $(rate "$2") | $(rate "$3") | $(ratio "$3" "$c_floor")x | $(ratio "$c_peer" "$3")x |"
}

echo "Dockerfiles: $N ($((bytes / 1024)) KiB), median of $RUNS runs, $(nproc) cores, $(date -u +%F)"
echo
echo "| tool | wall s | CPU s | files/s (wall) | files/s (CPU) | CPU vs floor | dockerfilelint CPU / this CPU |"
echo "|---|---|---|---|---|---|---|"
row "floor: cat every file" "$w_floor" "$c_floor"
row "portcullis dockerfile -f json (all cores)" "$w_json" "$c_json"
row "portcullis dockerfile -f json --parallel 1" "$w_one" "$c_one"
row "dockerfilelint 1.8.0 -j (1000 files per process)" "$w_peer" "$c_peer"
echo
echo "One process per file ($SAMPLE files):"
echo
echo "| tool | wall s | CPU s | files/s (wall) | files/s (CPU) | dockerfilelint / portcullis (wall, CPU) |"
echo "|---|---|---|---|---|---|"
echo "| portcullis dockerfile FILE -f json | $w_one_pc | $c_one_pc | $(awk -v n="$SAMPLE" -v t="$w_one_pc" 'BEGIN {printf "%.0f", n / t}') | $(awk -v n="$SAMPLE" -v t="$c_one_pc" 'BEGIN {printf "%.0f", n / t}') | $(ratio "$w_one_peer" "$w_one_pc")x, $(ratio "$c_one_peer" "$c_one_pc")x |"
echo "| dockerfilelint -j FILE | $w_one_peer | $c_one_peer | $(awk -v n="$SAMPLE" -v t="$w_one_peer" 'BEGIN {printf "%.0f", n / t}') | $(awk -v n="$SAMPLE" -v t="$c_one_peer" 'BEGIN {printf "%.0f", n / t}') | 1.0x |"
echo
echo "portcullis findings: $findings; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

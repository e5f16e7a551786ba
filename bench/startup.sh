#!/usr/bin/env bash
# Per-process start-up cost of portcullis (issue 5's one-process-per-file figure): CPU time of
# N runs (default 200) of `portcullis --version` and of `portcullis dockerfile FILE -f json`,
# side by side in the same run with
#   - the floor: N runs of /bin/true (fork + exec + exit of a process that loads only libc), and
#   - a second portcullis binary to compare against (BASELINE=path, e.g. a build of main).
# Also prints the loader's own figures (LD_DEBUG=statistics) and the number of shared libraries
# each binary loads. Each measurement runs RUNS times (default 3); medians count. CPU time
# (user + system) is the steady measure on a shared machine.
#   bench/startup.sh                       # build/portcullis only
#   BASELINE=/path/to/old/portcullis bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-200}
RUNS=${RUNS:-3}
binary=${PORTCULLIS:-build/portcullis}
baseline=${BASELINE:-}
file=${FILE:-tests/data/dockerfile/corpus/buildkit-heredocs.Dockerfile}
work=bench/.work/startup
mkdir -p "$work"

[ -x "$binary" ] || { echo "build first: cmake --build build (no $binary)" >&2; exit 1; }

# Median CPU milliseconds per process of N runs of the command $1.
measure() {
  local cpus=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%U %S' -o "$work/time" \
      bash -c "for _ in \$(seq $N); do $1 >/dev/null 2>&1; done" || true
    read -r u s < <(tail -1 "$work/time")
    cpus+=("$(awk -v u="$u" -v s="$s" -v n="$N" 'BEGIN {printf "%.2f", (u + s) * 1000 / n}')")
  done
  printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p"
}
libs() { LD_TRACE_LOADED_OBJECTS=1 "$1" | grep -c '=>' || true; }
relocs() {
  LD_DEBUG=statistics "$1" --version 2>&1 >/dev/null | awk '/number of relocations:/ {print $NF; exit}'
}

floor=$(measure /bin/true)
echo "Start-up: $N processes per figure, median of $RUNS runs, $(nproc) cores, $(date -u +%F)"
echo "Dockerfile: $file"
echo
echo "| binary | shared libs | symbol relocations | --version CPU ms | vs floor | dockerfile -f json CPU ms | vs floor |"
echo "|---|---|---|---|---|---|---|"
echo "| floor: /bin/true | $(libs /bin/true) | | $floor | 1.0x | | |"
for b in $baseline $binary; do
  v=$(measure "'$b' --version")
  d=$(measure "'$b' dockerfile '$file' -f json -q")
  echo "| $b | $(libs "$b") | $(relocs "$b") | $v | $(awk -v a="$v" -v f="$floor" 'BEGIN {printf "%.1f", a / f}')x | $d | $(awk -v a="$d" -v f="$floor" 'BEGIN {printf "%.1f", a / f}')x |"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

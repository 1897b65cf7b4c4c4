#!/usr/bin/env bash
# Benchmark: time and peak memory of `cnkp run` on a generated corpus of >= 200 MB.
# The corpus is the bundled articles repeated with a distinct line per copy (so no copy is a
# duplicate), written to bench/corpus/ (not committed). Usage: bash bench/run.sh [MB] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-200}
THREADS=${2:-}
BIN=target/release/cnkp
CORPUS=bench/corpus
OUT=bench/out
[ -x "$BIN" ] || cargo build --release --locked
rm -rf "$CORPUS" "$OUT"
mkdir -p "$CORPUS"
target=$((MB * 1024 * 1024))
total=0
i=0
files=(raw/*.txt)
round=0
for f in "${files[@]}"; do round=$((round + $(stat -c %s "$f") + 16)); done
while [ "$total" -lt "$target" ]; do
  for f in "${files[@]}"; do
    { cat "$f"; printf '\n（副本 %d）\n' "$i"; } > "$CORPUS/$(basename "$f" .txt)_$i.txt"
  done
  total=$((total + round))
  i=$((i + 1))
done
total=$(du -sb "$CORPUS" | cut -f1)
n=$(ls "$CORPUS" | wc -l)
echo "corpus: $n files, $((total / 1024 / 1024)) MB"
args=(run --raw "$CORPUS" --out "$OUT")
[ -n "$THREADS" ] && args+=(--threads "$THREADS")
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "elapsed %e s, peak RSS %M KB" "$BIN" "${args[@]}"
else
  start=$(date +%s.%N)
  "$BIN" "${args[@]}" &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.2
  done
  wait "$pid"
  end=$(date +%s.%N)
  echo "elapsed $(echo "$end - $start" | bc) s, peak RSS ${peak} KB (sampled)"
fi
du -sh "$OUT"

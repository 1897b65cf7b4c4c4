#!/usr/bin/env bash
# Benchmark: cnkp against the notebook-style peer (bench/peer.py) on the same generated corpus,
# one after the other on this machine: MB/s, peak RSS, and the speed ratio.
# The corpus is made by bench/gen_corpus.py from raw/ (paragraphs shuffled, years, days and amounts
# shifted: distinct files with distinct facts), in bench/corpus/ (not committed).
# Then: the same run again with nothing changed, and with ten articles added.
# usage: bash bench/run.sh [MB] [THREADS]      (make bench MB=1000)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-100}
THREADS=${2:-}
BIN=target/release/cnkp
CORPUS=bench/corpus
[ -x "$BIN" ] || cargo build --release --locked
rm -rf "$CORPUS" bench/out bench/out-peer
python3 bench/gen_corpus.py raw "$CORPUS" "$MB" 7
bytes=$(du -sb "$CORPUS" | cut -f1)

measure() { # label, command…: prints "label seconds peakKB", keeps the command's stderr tail
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o bench/.time "$@" >/dev/null 2>bench/.err || { tail -5 bench/.err; exit 1; }
  read -r secs kb < bench/.time
  echo "$label $secs $kb"
}

rm -rf bench/cache
args=(run --raw "$CORPUS" --out bench/out --cache bench/cache --timings)
[ -n "$THREADS" ] && args+=(--threads "$THREADS")
read -r _ c_s c_kb < <(measure cnkp "$BIN" "${args[@]}")
tail -2 bench/.err
"$BIN" validate bench/out >/dev/null
# The same run again, nothing changed: the published folder is found up to date.
read -r _ r_s r_kb < <(measure cnkp-rerun "$BIN" "${args[@]}")
tail -2 bench/.err | head -1
# Ten articles added (copies of ten with a line more: new bytes, known facts): only they are
# extracted; the merge and the second pass are redone. They are removed before the peer runs.
added=()
for f in $(ls "$CORPUS" | grep -v '^sources.csv$' | head -10); do
  cp "$CORPUS/$f" "$CORPUS/zz-added-$f"; printf '\n(added)\n' >> "$CORPUS/zz-added-$f"; added+=("$CORPUS/zz-added-$f")
done
read -r _ a_s a_kb < <(measure cnkp-added "$BIN" "${args[@]}")
tail -2 bench/.err | head -1
"$BIN" validate bench/out >/dev/null
rm -f "${added[@]}"

venv=.ci/venv-peer
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
read -r _ p_s p_kb < <(measure peer "$venv/bin/python" bench/peer.py "$CORPUS" bench/out-peer)

python3 - "$bytes" "$c_s" "$c_kb" "$p_s" "$p_kb" "$r_s" "$r_kb" "$a_s" <<'PY'
import sys
b, cs, ckb, ps, pkb, rs, rkb, as_ = int(sys.argv[1]), *map(float, sys.argv[2:])
mb = b / 1e6
print(f"corpus      {mb:8.1f} MB")
print(f"cnkp        {cs:8.1f} s  {mb / cs:6.2f} MB/s  peak RSS {ckb / 1024:7.0f} MB")
print(f"cnkp rerun  {rs:8.1f} s  ({100 * rs / cs:.0f}% of the first run; nothing changed: the published folder is up to date)")
print(f"cnkp +10    {as_:8.1f} s  ({100 * as_ / cs:.0f}% of the first run; 10 articles added: they are extracted, the merge and second pass redone)")
print(f"peer.py     {ps:8.1f} s  {mb / ps:6.2f} MB/s  peak RSS {pkb / 1024:7.0f} MB")
print(f"speed ratio {ps / cs:8.2f}x  (peer time / cnkp time; > 1 means cnkp is faster)")
PY
rm -f bench/.time bench/.err

#!/usr/bin/env bash
# bench ann end to end, in one run: USearch through `semsearch bench ann` (synthetic CLIP-like vectors, recall and
# speed against exact search, f32, f16 and i8, plus the expansion the product calibrates for its recall target), then the same vectors and queries through Debian's python3-hnswlib, and
# the USearch/hnswlib QPS ratio at equal recall.
#
#   bench/ann.sh                         # n = 10k and 100k
#   N=10000,100000,1000000 bench/ann.sh  # add 1M (about 2 GB per copy of the vectors; minutes to build)
#   bench/ann.sh --queries 500           # extra options go to `semsearch bench ann`
#
# SEMSEARCH may name an already built semsearch; OUT keeps the vectors and JSON (default: a temp folder, removed).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000,100000}
if [ -z "${SEMSEARCH:-}" ]; then
  dotnet build src/SemanticSearch.Cli -c Release -v q -nologo >/dev/null
  SEMSEARCH=src/SemanticSearch.Cli/bin/Release/net10.0/semsearch
fi
if [ -z "${OUT:-}" ]; then
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
fi
mkdir -p "$OUT"

"$SEMSEARCH" bench ann --n "$N" --dump-vectors "$OUT" --json "$@" > "$OUT/usearch.json"
/usr/bin/python3 - "$OUT/usearch.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("q/s: queries per CPU-second of the querying thread; adds/s: per CPU-second of the build")
print(f"{'n':>9} {'type':>5} {'ef':>5} {'recall@10':>9} {'q/s':>9} {'exact q/s':>10} {'vs exact':>9} {'adds/s':>8} {'bytes/vector':>13}")
for r in rows:
    ef = f"{r['ef']}{'*' if r.get('calibrated') else ''}"
    print(f"{r['n']:>9,} {r['scalar']:>5} {ef:>5} {r['recall_at_10']:>9.3f} {r['qps']:>9,.0f} {r['exact_qps']:>10,.1f} "
          f"{r['speedup_vs_exact']:>8.1f}x {r['adds_per_cpu_second']:>8,.0f} {r['bytes_per_vector']:>13,.0f}")
print(f"dim {rows[0]['dim']}, queries on 1 thread, build on {rows[0]['build_threads']} threads, SIMD {rows[0]['simd']}")
PY
echo
/usr/bin/python3 bench/hnswlib_compare.py "$OUT"

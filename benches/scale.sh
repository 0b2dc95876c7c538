#!/usr/bin/env bash
# End-to-end scale benchmark: the release binary on generated corpora of 1, 10 and 100 MB,
# beside jieba-rs segmentation alone and a Python jieba + n-gram peer, in one run.
#
#   benches/scale.sh                         # SIZES="1 10 100", both generators
#   SIZES="1 10" benches/scale.sh            # smaller
#   SIZES="100 1000" PEER=0 benches/scale.sh # 1 GB, without the Python peer
#   GENERATORS=recombined benches/scale.sh   # only the recombined paragraphs
#   PEER=0 benches/scale.sh                  # without the Python peer (minutes at 100 MB)
#
# Two generators: `recombined` (the seeds' paragraphs recombined) and `long-tail` (the same
# with invented names seen a few times each: rare n-grams, many more candidates).
# For each size it prints wall time, MB/s and peak RSS (from /usr/bin/time -v) of: a cold
# `build`; `build` again with nothing changed; `build` after adding one new document;
# `lookup` on the result (a new process); `extract` on the new document alone; jieba-rs
# alone (examples/segment_only.rs, all cores); the Python peer (benches/peer/peer.py).
# Results go to target/scale/results.csv and results.md; the plot of build time and peak
# memory against size to benches/scale.svg. Corpora are generated under target/scale/ (never
# committed) and reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1 10 100}"
GENERATORS="${GENERATORS:-recombined long-tail}"
PEER="${PEER:-1}"
WORK="target/scale"
NEW_DOC="tests/fixtures/glossary/tianjin.txt"
mkdir -p "$WORK"

cargo build --release --quiet --bin glossary --example gen_corpus --example segment_only
BIN="target/release/glossary"

if [ "$PEER" = 1 ]; then
  VENV="${PEER_VENV:-$HOME/.cache/glossary-peer-venv}"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import jieba" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet jieba
  fi
  PYTHON="$VENV/bin/python"
fi

CSV="$WORK/results.csv"
echo "generator,mb,operation,seconds,mb_per_s,peak_rss_mb" > "$CSV"

# run MB OPERATION BYTES_PROCESSED COMMAND…: times COMMAND with /usr/bin/time -v, appends a row.
run() {
  local mb="$1" op="$2" bytes="$3"
  shift 3
  local log="$WORK/time.log"
  /usr/bin/time -v "$@" > "$WORK/stdout.log" 2> "$log" || {
    echo "scale.sh: $op failed:" >&2
    tail -20 "$log" >&2
    exit 1
  }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, t, ":"); s = 0
      for (i = 1; i <= n; i++) s = s * 60 + t[i]
      print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  local rate
  rate=$(awk -v b="$bytes" -v s="$wall" 'BEGIN { if (b > 0 && s > 0) printf "%.1f", b / 1e6 / s; else print "" }')
  echo "$generator,$mb,$op,$wall,$rate,$rss" >> "$CSV"
  printf '%-10s %6s MB  %-32s %8.2f s  %8s MB/s  %6s MB peak\n' "$generator" "$mb" "$op" "$wall" "${rate:-—}" "$rss"
}

for generator in $GENERATORS; do
for mb in $SIZES; do
  case "$generator" in
    recombined) corpus="$WORK/corpus-${mb}mb"; flags=() ;;
    long-tail) corpus="$WORK/tail-${mb}mb"; flags=(--long-tail) ;;
    *) echo "scale.sh: unknown generator $generator (recombined, long-tail)" >&2; exit 2 ;;
  esac
  out="$WORK/glossary-$(basename "$corpus")"
  if [ ! -f "$corpus/manifest.csv" ]; then
    rm -rf "$corpus"
    target/release/examples/gen_corpus --mb "$mb" "${flags[@]}" --out "$corpus"
    # An archive's files are older than the window in which a build does not trust file
    # times (src/build/stamp.rs); files written this very second would send the "nothing
    # changed" build down the full check.
    sleep 3
  fi
  rm -f "$corpus/2026/zz_new.txt"
  bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  new_bytes=$(stat -c %s "$NEW_DOC")
  rm -rf "$out"
  mkdir -p "$out"
  cp glossary/curated.csv "$out/curated.csv"

  run "$mb" "build cold" "$bytes" "$BIN" build "$corpus" -g "$out" -q
  run "$mb" "build with nothing changed" 0 "$BIN" build "$corpus" -g "$out" -q
  cp "$NEW_DOC" "$corpus/2026/zz_new.txt"
  run "$mb" "build after adding one document" 0 "$BIN" build "$corpus" -g "$out" -q
  run "$mb" "lookup 上海精神 (new process)" 0 "$BIN" lookup 上海精神 -g "$out"
  run "$mb" "extract the new document alone" 0 "$BIN" extract "$corpus/2026/zz_new.txt"
  rm -f "$corpus/2026/zz_new.txt"
  run "$mb" "jieba-rs alone (process)" 0 target/release/examples/segment_only "$corpus"
  # The ceiling: the seconds jieba-rs spent cutting, files already in memory.
  cut=$(grep -o 'segment_only: .*' "$WORK/stdout.log" | awk '{ for (i = 1; i <= NF; i++) if ($(i + 1) == "s,") print $i }')
  rate=$(awk -v b="$bytes" -v s="$cut" 'BEGIN { printf "%.1f", b / 1e6 / s }')
  echo "$generator,$mb,jieba-rs segmentation alone (cutting only),$cut,$rate," >> "$CSV"
  printf '%-10s %6s MB  %-32s %8.2f s  %8s MB/s\n' "$generator" "$mb" "jieba-rs cutting only" "$cut" "$rate"
  if [ "$PEER" = 1 ]; then
    run "$mb" "Python jieba + n-grams (peer)" "$bytes" "$PYTHON" benches/peer/peer.py "$corpus"
  fi
done
done

python3 - "$CSV" "$WORK/results.md" benches/scale.svg <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w") as md:
    md.write("| generator | corpus | operation | wall time | throughput | peak RSS |\n|---|---|---|---|---|---|\n")
    for r in rows:
        rate = f"{r['mb_per_s']} MB/s" if r["mb_per_s"] else "—"
        rss = f"{r['peak_rss_mb']} MB" if r["peak_rss_mb"] else "—"
        md.write(f"| {r['generator']} | {r['mb']} MB | {r['operation']} | {float(r['seconds']):.2f} s | {rate} | {rss} |\n")

# Build time and peak memory of a cold build against corpus size, log-log, as an SVG.
cold = [(float(r["mb"]), float(r["seconds"]), float(r["peak_rss_mb"]))
        for r in rows if r["operation"] == "build cold" and r["generator"] == "recombined"]
if len(cold) >= 2:
    import math
    W, H, L, B = 640, 360, 70, 50
    xs = [math.log10(m) for m, _, _ in cold]
    def scale(vals):
        lo, hi = math.floor(min(vals)), math.ceil(max(vals))
        return lo, max(hi, lo + 1)
    x0, x1 = scale(xs)
    series = [("build time (s)", [s for _, s, _ in cold], "#1f77b4"),
              ("peak RSS (MB)", [r for _, _, r in cold], "#d62728")]
    ys = [math.log10(v) for _, vals, _ in series for v in vals]
    y0, y1 = scale(ys)
    px = lambda x: L + (x - x0) / (x1 - x0) * (W - L - 20)
    py = lambda y: H - B - (y - y0) / (y1 - y0) * (H - B - 20)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W/2}" y="14" text-anchor="middle">glossary build, cold: time and peak memory against corpus size (log-log)</text>']
    for e in range(x0, x1 + 1):
        out.append(f'<line x1="{px(e)}" y1="{py(y0)}" x2="{px(e)}" y2="{py(y1)}" stroke="#ddd"/>')
        out.append(f'<text x="{px(e)}" y="{H - B + 16}" text-anchor="middle">{10**e:g} MB</text>')
    for e in range(y0, y1 + 1):
        out.append(f'<line x1="{L}" y1="{py(e)}" x2="{W - 20}" y2="{py(e)}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 6}" y="{py(e) + 4}" text-anchor="end">{10**e:g}</text>')
    for k, (name, vals, colour) in enumerate(series):
        pts = " ".join(f"{px(x):.1f},{py(math.log10(v)):.1f}" for x, v in zip(xs, vals))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for n, (x, v) in enumerate(zip(xs, vals)):
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(math.log10(v)):.1f}" r="3" fill="{colour}"/>')
            # The last point's label stands to its left, inside the picture.
            dx, anchor = (-6, "end") if n == len(xs) - 1 else (6, "start")
            out.append(f'<text x="{px(x) + dx:.1f}" y="{py(math.log10(v)) - 6:.1f}" fill="{colour}" text-anchor="{anchor}">{v:g}</text>')
        out.append(f'<text x="{L + 10}" y="{34 + 16 * k}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    open(sys.argv[3], "w").write("\n".join(out) + "\n")
PY
echo
cat "$WORK/results.md"
echo "scale.sh: $CSV, $WORK/results.md, benches/scale.svg"

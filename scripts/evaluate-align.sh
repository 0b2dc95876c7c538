#!/usr/bin/env bash
# Aligns every chapter of a gold set with `glossary align --presplit --format beads` (the
# command a user runs; folder mode, so the dictionaries load once) and scores the result with
# the shared scorer.
#
#   scripts/evaluate-align.sh [GOLD_SET]     # default ../shared/align/data/mac-flat/test
#
# The gold data is read where it lies; nothing is copied into the project. Alignments go to
# a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
SET="${1:-../shared/align/data/mac-flat/test}"
SCORER="${SCORER:-../shared/align/score.py}"
cargo build --release --quiet
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
/usr/bin/time -f "%e s wall, %M KB peak" target/release/glossary align --presplit --format beads \
  "$SET/zh" "$SET/en" --out "$OUT"
python3 "$SCORER" -g "$SET/gold" -t "$OUT"

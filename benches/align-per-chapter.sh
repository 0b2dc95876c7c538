#!/bin/sh
# One `glossary align --presplit` process per chapter of a gold set, on one thread: the
# issue's measure of alignment speed as a user runs it, start-up included. Time it with
# farm-bench against another binary, for example:
#
#   farm-bench -n 5 --pin 0 --vs 'benches/align-per-chapter.sh OLD_BINARY' -- \
#     benches/align-per-chapter.sh target/release/glossary
#
# usage: benches/align-per-chapter.sh BINARY [GOLD_SET]   (default ../shared/align/data/mac-flat/test)
# The gold set is read where it lies; the alignments go to a temporary folder.
set -eu
BINARY="$1"
SET="${2:-../shared/align/data/mac-flat/test}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
for chapter in $(ls "$SET/zh"); do
  RAYON_NUM_THREADS=1 "$BINARY" align --presplit --format beads \
    "$SET/zh/$chapter" "$SET/en/$chapter" > "$OUT/$chapter"
done

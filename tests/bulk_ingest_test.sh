#!/usr/bin/env bash
# kg ingest writes articles in batches (a write buffer ingested as table
# files, storage/storage.h Store::SetWriteBuffer). This checks, through the
# kg program, that the batches change nothing: `kg ingest --extracted` and a
# direct ingest give the same graph (canonical `kg export --format json`
# dumps, byte for byte) with the default buffer, with a tiny one (a flush
# after nearly every article) and with none (one write per article, the
# path kg had before), also when the input repeats and changes articles or
# holds a malformed line; and that the bulk writer, which builds every new
# database, stores the same graph (and says the same) as GraphWriter.
#
# Usage (from the repository root): tests/bulk_ingest_test.sh PATH/TO/kg [CORPUS_DIR]
# CORPUS_DIR defaults to samples/ (fast); ../shared/corpus/bbc works too.
# Exit codes: 0 identical; 1 a difference or a kg failure; 2 usage error.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 PATH/TO/kg [CORPUS_DIR]" >&2; exit 2; }
KG=$(realpath "$1")
CORPUS=${2:-samples}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kg-bulk-ingest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$KG" extract "$CORPUS" --format full >"$WORK/x.jsonl"
# The same articles again (unchanged), then with changed text (replaced).
sed -e 's/"text":"/"text":"Changed. /' "$WORK/x.jsonl" >"$WORK/changed.jsonl"
cat "$WORK/x.jsonl" "$WORK/x.jsonl" "$WORK/changed.jsonl" "$WORK/x.jsonl" >"$WORK/mixed.jsonl"

# A malformed line in the middle: reported as file:line and skipped, exit 1.
{ head -n 3 "$WORK/x.jsonl"; echo '{"article":"broken",'; tail -n +4 "$WORK/x.jsonl"; } >"$WORK/bad.jsonl"

# A new database is built by the bulk writer (graph/bulk.cc) unless KG_BULK=0
# or KG_WRITE_BUFFER_BYTES=0; "bulkN" is the bulk writer writing every N
# bytes of records, "nobulk" the buffered GraphWriter.
for input in x mixed bad; do
  want=0
  [ "$input" = bad ] && want=1
  for buffer in 0 1 2000 nobulk bulk1 bulk20000 default; do
    db="$WORK/$input-$buffer.db"
    case $buffer in
      default) env=() ;;
      nobulk) env=(KG_BULK=0) ;;
      bulk*) env=(KG_BULK_BUFFER_BYTES=${buffer#bulk}) ;;
      *) env=(KG_WRITE_BUFFER_BYTES=$buffer) ;;
    esac
    rc=0
    env "${env[@]}" "$KG" ingest --extracted "$WORK/$input.jsonl" --db "$db" >"$WORK/$input-$buffer.out" \
      2>"$WORK/$input-$buffer.err" || rc=$?
    sed -i "s|$db|DB|" "$WORK/$input-$buffer.out"
    [ "$rc" = "$want" ] || fail "ingest $input ($buffer): exit $rc, not $want: $(cat "$WORK/$input-$buffer.err")"
    "$KG" export --format json --db "$db" >"$WORK/$input-$buffer.json"
    "$KG" check --db "$db" >/dev/null || fail "kg check $input (buffer $buffer)"
    cmp -s "$WORK/$input-0.json" "$WORK/$input-$buffer.json" ||
      fail "$input: buffer $buffer gives another graph than one write per article"
    cmp -s "$WORK/$input-0.out" "$WORK/$input-$buffer.out" || fail "$input: buffer $buffer reports otherwise"
    cmp -s "$WORK/$input-0.err" "$WORK/$input-$buffer.err" || fail "$input: buffer $buffer complains otherwise"
  done
done
grep -q "bad.jsonl:4: " "$WORK/bad-default.err" || fail "the malformed line is not reported as file:line"
KG_WRITE_BUFFER_BYTES=0 "$KG" ingest "$CORPUS" --db "$WORK/direct0.db" >/dev/null
"$KG" ingest "$CORPUS" --db "$WORK/direct.db" >/dev/null
"$KG" export --format json --db "$WORK/direct0.db" >"$WORK/direct0.json"
"$KG" export --format json --db "$WORK/direct.db" >"$WORK/direct.json"
cmp -s "$WORK/direct0.json" "$WORK/direct.json" || fail "direct ingest: buffered differs from unbuffered"
cmp -s "$WORK/direct.json" "$WORK/x-default.json" || fail "ingest --extracted differs from a direct ingest"
[ -s "$WORK/x-0.json" ] || fail "empty graph"
echo "bulk ingest: identical graphs ($(wc -l <"$WORK/x-0.json") dump lines)"

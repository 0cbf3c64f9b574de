#!/usr/bin/env bash
# Score kg's extraction of hand-annotated BBC politics articles against the
# gold files in tests/data/gold/*.json, with ../shared/eval/score.py.
#
# Usage (from the repository root):
#   tests/gold_test.sh PATH/TO/kg [--gold-dir DIR] [--min-relation-precision P] [--min-relation-recall R]
#
# DIR defaults to tests/data/gold. Twenty-seven sets of BBC articles, each
# annotated from the text alone by someone who never saw kg's output:
#   tests/data/gold         every 40th file from file 40 (tuned on)
#   tests/data/gold-second  every 40th file from file 20 (measured blind once,
#                           then tuned on)
#   tests/data/gold-third   every 40th file from file 35 (measured blind once,
#                           then tuned on)
#   tests/data/gold-heldout every 40th file from file 10 (held out for
#                           several sessions, then tuned on)
#   tests/data/gold-fourth  every 40th file from file 25 (measured blind
#                           once, then tuned on)
#   tests/data/gold-heldout2 every 40th file from file 30 (held out for
#                           several sessions, then tuned on)
#   tests/data/gold-heldout3 every 40th file from file 15, less file 375
#                           (already in gold-world2) (measured blind twice,
#                           then tuned on)
#   tests/data/gold-world   of the files whose number modulo 40 is not 0, 10,
#                           20, 25, 30 or 35, the first ten that name at least
#                           four countries other than the UK (measured blind
#                           once, then tuned on)
#   tests/data/gold-world2  politics files 354, 363, 365, 367, 368, 375 and
#                           business files 14, 87, 211, 232: more articles
#                           naming several countries (measured blind once,
#                           then tuned on)
#   tests/data/gold-world3  business files 260, 291, 308, 334, 372, 380,
#                           454, 467, 479, 494, international business news
#                           (measured blind once, then tuned on)
#   tests/data/gold-heldout4 every 40th file from file 5, less files 325 and
#                           365 (already in gold-world and gold-world2)
#                           (measured blind once, then tuned on)
#   tests/data/gold-world4  business files 254, 262, 300, 314, 346, 373, 392,
#                           456, 473, 480: the other ten of world3's twenty
#                           candidates (measured blind twice, then tuned on)
#   tests/data/gold-heldout5 every 40th file from file 2 (measured blind
#                           once, then tuned on)
#   tests/data/gold-world5  business files 5, 16, 23, 56, 72, 104, 165, 180,
#                           216, 224: of the business files before 254 that
#                           name at least four countries besides the UK and
#                           are in no other set, every third from the first
#                           (measured blind once, then tuned on)
#   tests/data/gold-heldout6 every 40th file from file 7, less file 367
#                           (already in gold-world2) (measured blind twice,
#                           then tuned on)
#   tests/data/gold-world6  business files 7, 17, 39, 67, 92, 113, 166, 201,
#                           219, 245: world5's candidates, every third from
#                           the second (measured blind twice, then tuned on)
#   tests/data/gold-heldout7 every 40th file from file 12, less file 212
#                           (already in gold-world) (measured blind once,
#                           then tuned on)
#   tests/data/gold-heldout8 every 40th file from file 17 (measured blind
#                           once, then tuned on)
#   tests/data/gold-world7  business files 13, 19, 49, 68, 101, 139, 168,
#                           212, 223: world5's candidates, every third from
#                           the third (measured blind once, then tuned on)
#   tests/data/gold-heldout9 every 40th file from file 22, less file 342
#                           (a near copy of heldout7's
#                           conservative-backing-for-id-cards) (measured
#                           blind once, then tuned on)
#   tests/data/gold-world8  business files 11, 47, 61, 65, 97, 130, 167, 222,
#                           304, 332: of the business files with no gold that
#                           name exactly three countries besides the UK (47,
#                           by ISO 3166 names and common short forms), every
#                           third from the first, the first ten (measured
#                           blind once, then tuned on)
#   tests/data/gold-heldout10 every 40th file from file 27 (measured blind
#                           once, then tuned on)
#   tests/data/gold-world9  business files 40, 62, 74, 136, 188, 307, 338, 366,
#                           385, 417: world8's rule over the business files
#                           with no gold once world8 was added (37), every
#                           third from the second, the first ten; by the
#                           annotator's count file 74 names only two
#                           countries besides the UK (measured blind once,
#                           then tuned on)
#   tests/data/gold-heldout11 every 40th file from file 13 (measured blind
#                           once, then tuned on)
#   tests/data/gold-world10 business files 18, 53, 115, 160, 207, 331, 363,
#                           387, 419, 429: world8's rule over the business
#                           files with no gold once world9 was added (32 by a
#                           fresh count of ISO 3166 names and common short
#                           forms), every third from the first, the first
#                           ten; by the annotator's count files 160, 207 and
#                           331 name fewer (measured blind once, then tuned
#                           on)
#   tests/data/gold-heldout12 every 40th file from file 23 (never tuned on)
#   tests/data/gold-world11 business files 51, 66, 128, 184, 289, 355, 383,
#                           407, 421, 476: world8's rule over the business
#                           files with no gold once world10 was added (22),
#                           every second from the second, the first ten
#                           (never tuned on)
# A gold file's "article" field gives its corpus section (politics/...,
# business/...).
#
# Prints one line per article (entity P/R, relation P/R, modality accuracy)
# and a final line with micro-averaged relation precision and recall:
#   precision = sum(relation_precision * relations_unique) / sum(relations_unique)
#   recall    = sum(relation_recall * core_relations) / sum(core_relations)
# where core_relations is the number of core relations in the gold file.
#
# Exit codes: 0 ok; 1 a threshold missed or kg/score.py failed;
# 2 usage error; 77 skipped because ../shared/corpus or ../shared/eval is absent.
set -u

usage() {
    echo "usage: $0 PATH/TO/kg [--gold-dir DIR] [--min-relation-precision P] [--min-relation-recall R]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
KG=$1
shift
MIN_P=0
MIN_R=0
GOLD_DIR=tests/data/gold
while [ $# -gt 0 ]; do
    case $1 in
        --gold-dir) [ $# -ge 2 ] || usage; GOLD_DIR=$2; shift 2 ;;
        --gold-dir=*) GOLD_DIR=${1#*=}; shift ;;
        --min-relation-precision) [ $# -ge 2 ] || usage; MIN_P=$2; shift 2 ;;
        --min-relation-precision=*) MIN_P=${1#*=}; shift ;;
        --min-relation-recall) [ $# -ge 2 ] || usage; MIN_R=$2; shift 2 ;;
        --min-relation-recall=*) MIN_R=${1#*=}; shift ;;
        -h|--help) usage ;;
        *) echo "$0: unknown argument: $1" >&2; usage ;;
    esac
done

SHARED=../shared
CORPUS=$SHARED/corpus/bbc/politics
SCORER=$SHARED/eval/score.py

if [ ! -d "$SHARED/corpus" ] || [ ! -d "$SHARED/eval" ]; then
    echo "SKIP: ../shared is absent (need ../shared/corpus and ../shared/eval, relative to $(pwd))"
    exit 77
fi
if [ ! -d "$GOLD_DIR" ]; then
    echo "$0: $GOLD_DIR not found; run from the repository root" >&2
    exit 2
fi
if [ ! -x "$KG" ]; then
    echo "$0: kg binary not executable: $KG" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "$0: python3 not found" >&2; exit 2; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results.tsv
: > "$RESULTS"
status=0
n=0

for gold in "$GOLD_DIR"/*.json; do
    [ -e "$gold" ] || continue
    stem=$(basename "$gold" .json)
    # The gold's "article" field names its section ("business/..."); politics by default.
    section=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("article","politics/").split("/")[0] or "politics")' "$gold" 2>/dev/null)
    article=$SHARED/corpus/bbc/${section:-politics}/$stem.txt
    pred=$TMP/$stem.pred.json
    n=$((n + 1))
    if [ ! -f "$article" ]; then
        printf '%-40s FAIL: article %s not found\n' "$stem" "$article"
        status=1
        continue
    fi
    if ! "$KG" extract "$article" --format json > "$pred" 2> "$TMP/$stem.err"; then
        printf '%-40s FAIL: kg extract failed: %s\n' "$stem" "$(head -c 300 "$TMP/$stem.err" | tr '\n' ' ')"
        status=1
        continue
    fi
    # score.py exits 1 on forbidden hits; the summary line is still printed.
    summary=$(python3 "$SCORER" --json "$gold" "$pred" 2> "$TMP/$stem.score.err")
    rc=$?
    if [ $rc -ge 2 ] || [ -z "$summary" ]; then
        printf '%-40s FAIL: score.py exit %d: %s\n' "$stem" "$rc" "$(head -c 300 "$TMP/$stem.score.err" | tr '\n' ' ')"
        status=1
        continue
    fi
    line=$(python3 - "$gold" "$stem" "$summary" "$RESULTS" <<'EOF'
import json, sys
gold_path, stem, summary, results = sys.argv[1:5]
s = json.loads(summary.strip().splitlines()[-1])
with open(gold_path, encoding="utf-8") as f:
    core = sum(1 for r in json.load(f)["relations"] if r.get("core"))
with open(results, "a", encoding="utf-8") as f:
    f.write(f"{s['relation_precision']}\t{s['relations_unique']}\t{s['relation_recall']}\t{core}\t{s['forbidden_hits']}\n")
extra = f"  forbidden {s['forbidden_hits']}" if s["forbidden_hits"] else ""
print(f"{stem:<40} entity P {s['entity_precision']:.3f} R {s['entity_recall']:.3f}"
      f"  relation P {s['relation_precision']:.3f} R {s['relation_recall']:.3f}"
      f" ({s['relations_unique']} extracted, {core} core)"
      f"  modality {s['modality_accuracy']:.3f}{extra}")
EOF
    ) || { printf '%-40s FAIL: cannot read score summary\n' "$stem"; status=1; continue; }
    echo "$line"
done

if [ $n -eq 0 ]; then
    echo "$0: no gold files in $GOLD_DIR" >&2
    exit 1
fi

python3 - "$RESULTS" "$MIN_P" "$MIN_R" "$n" <<'EOF'
import sys
results, min_p, min_r, n = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rows = [l.split("\t") for l in open(results, encoding="utf-8").read().splitlines() if l]
ext = sum(int(r[1]) for r in rows)
core = sum(int(r[3]) for r in rows)
p = sum(float(r[0]) * int(r[1]) for r in rows) / ext if ext else 0.0
r = sum(float(x[2]) * int(x[3]) for x in rows) / core if core else 1.0
print(f"micro-average over {len(rows)}/{n} articles: relation precision {p:.3f} ({ext} extracted)"
      f"  relation recall {r:.3f} ({core} core)")
short = []
if p < min_p:
    short.append(f"relation precision {p:.3f} < {min_p}")
if r < min_r:
    short.append(f"relation recall {r:.3f} < {min_r}")
if short:
    print("FAIL: " + "; ".join(short))
    sys.exit(1)
EOF
[ $? -eq 0 ] || status=1
exit $status

#!/usr/bin/env bash
# Quick start: installs what is missing, builds kg, ingests samples/ into the
# default database (./kg.db), renders the graph to out/samples.svg and prints
# a summary. Run as root on Debian 12 (package installation needs it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
kg=build/cli/kg

echo "== ingest samples/ into kg.db"
"$kg" ingest samples/
mkdir -p out
"$kg" export --format svg -o out/samples.svg
"$kg" export --format jsonld -o out/samples.jsonld
echo
echo "== what the graph holds"
"$kg" stats
echo
echo "== how is Kim Jong-un connected to Jens Stoltenberg?"
"$kg" path "Kim Jong-un" "Jens Stoltenberg" || true
echo
echo "Diagram: $(pwd)/out/samples.svg   (JSON-LD: out/samples.jsonld)"
echo "Try: $kg show Putin | $kg export --format dot | $kg extract samples/ --format json"

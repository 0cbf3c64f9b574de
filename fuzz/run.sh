#!/usr/bin/env bash
# Builds fuzz_ingest with clang (ASan + UBSan + libFuzzer) in build-fuzz/ and
# runs it for SECONDS (default 600) on the samples and, when ../shared is
# there, BBC articles. New inputs go to build-fuzz/corpus, crashes to
# build-fuzz/artifacts. Extra arguments go to libFuzzer (e.g. -jobs=2).
#   fuzz/run.sh 1200
#   build-fuzz/fuzz/fuzz_ingest build-fuzz/artifacts/crash-...   # replay one
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
command -v clang++ >/dev/null || { echo "fuzz/run.sh needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DKG_FUZZ=ON -DKG_SANITIZE=ON -DKG_BUILD_TESTS=OFF -DKG_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz --target fuzz_ingest -j"${KG_JOBS:-2}"
mkdir -p build-fuzz/corpus build-fuzz/artifacts build-fuzz/seeds
cp samples/*.txt build-fuzz/seeds/
printf '%s\n' '{"id":"a","title":"T","date":"2024-06-19","text":"Vladimir Putin visited North Korea on Wednesday."}' \
  '{"text":"Kim Jong-un met Putin in Pyongyang."}' > build-fuzz/seeds/lines.jsonl
if [ -d ../shared/corpus/bbc/politics ]; then
  bbc=(../shared/corpus/bbc/politics/*.txt)
  cp "${bbc[@]:0:100}" build-fuzz/seeds/
fi
exec build-fuzz/fuzz/fuzz_ingest build-fuzz/corpus build-fuzz/seeds \
  -dict=fuzz/ingest.dict -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/ "$@"

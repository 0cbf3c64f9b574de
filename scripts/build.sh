#!/usr/bin/env bash
# Configures and builds kg in ./build (RelWithDebInfo). Extra arguments go to
# CMake, e.g. scripts/build.sh -DKG_SANITIZE=ON. The compiler's output goes to
# build/build.log; its tail is shown if the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KG_BUILD_DIR:-build}
mkdir -p "$build_dir"
log="$build_dir/build.log"
echo "kg: building in $build_dir (log: $log)" >&2
if ! { cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" &&
       cmake --build "$build_dir" -j"$(nproc)"; } >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "kg: build failed; full log in $log" >&2
  exit 1
fi

#!/usr/bin/env bash
# Configures and builds kg in ./build (Release with debug info). Extra
# arguments go to CMake, e.g. scripts/build.sh -DKG_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KG_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"

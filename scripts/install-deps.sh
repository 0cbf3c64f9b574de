#!/usr/bin/env bash
# Installs the Debian 12 packages kg builds and runs with. Safe to run again:
# only missing packages are installed. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  librocksdb-dev libboost-graph-dev nlohmann-json3-dev libcli11-dev libicu-dev
  libgraphviz-dev graphviz
  libgtest-dev libgmock-dev libbenchmark-dev
  iso-codes wordnet-base
  python3 python3-networkx nodejs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "kg: installing missing Debian packages: ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

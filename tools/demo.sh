#!/usr/bin/env bash
# The newcomer's first command: install what is missing, build a release, and
# run the main job on the embedded default model over the sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
echo "== kefu normalize examples/messages.txt =="
build/release/kefu normalize < examples/messages.txt

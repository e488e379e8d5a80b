#!/usr/bin/env bash
# The newcomer's first command: install what is missing, build a release, and
# run the embedded default model over the sample messages. (The main job,
# `kefu run` over a day of chat and order events, lands with the flows.)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
echo "== kefu normalize < examples/messages.txt =="
build/release/kefu normalize < examples/messages.txt
echo
echo "== kefu classify < examples/messages.txt =="
build/release/kefu classify < examples/messages.txt

#!/usr/bin/env bash
# The newcomer's first command: install what is missing, build a release, and
# run the main job — a shop's day of chat and order events from 38 customer
# sessions (examples/day) — on the embedded default model.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
day=examples/day/2026-11-22.jsonl
out=build/release/day-2026-11-22.jsonl
state=build/release/day-state.db
rm -f "$state" "$state-wal" "$state-shm"
policies=examples/day/policies.json
until=2026-11-23T12:00:00+08:00
echo "== kefu run $day --policy $policies --until $until --state $state > $out =="
build/release/kefu run "$day" --policy "$policies" --until "$until" --state "$state" > "$out"
echo
/usr/bin/python3 tools/run_summary.py < "$out"

#!/usr/bin/env bash
# Regenerates docs/flows/NAME.svg for every built-in flow (the `flow NAME`
# statements of data/flows/*.kefu) with `kefu flow dot` and Graphviz's dot
# (docs/FLOWS.md shows them). Run it after changing a built-in flow, with a
# kefu built from the same tree: the default model embeds the flows.
#
#   tools/flow_svgs.sh [KEFU]     KEFU defaults to build/dev/kefu
set -euo pipefail
cd "$(dirname "$0")/.."
kefu=${1:-build/dev/kefu}
if [ ! -x "$kefu" ]; then
    echo "flow_svgs: no kefu at $kefu (cmake --preset dev && cmake --build --preset dev)" >&2
    exit 1
fi
if ! command -v dot >/dev/null; then
    echo "flow_svgs: Graphviz's dot is missing (tools/bootstrap.sh installs it)" >&2
    exit 1
fi
mkdir -p docs/flows
for file in data/flows/*.kefu; do
    for name in $(sed -n 's/^flow \([a-z0-9_]*\).*/\1/p' "$file"); do
        "$kefu" flow dot "$name" | dot -Tsvg -o "docs/flows/$name.svg"
        echo "docs/flows/$name.svg"
    done
done

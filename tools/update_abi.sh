#!/usr/bin/env bash
# Rewrites the ABI baseline abi/libkefu.so.1.abi from a debug build's
# libkefu (cmake --preset dev && cmake --build --preset dev). Run it only in
# a commit that changes the ABI on purpose, and decide the SOVERSION with it:
# additions keep SOVERSION 1; removing or changing anything needs a new one.
set -euo pipefail
cd "$(dirname "$0")/.."
library=${1:-build/dev/src/libkefu.so.1}
# No build paths (file names only): the baseline is the same from any checkout.
abidw --no-corpus-path --no-comp-dir-path --short-locs --no-show-locs --exported-interfaces-only \
    --headers-dir include/kefu --drop-private-types --out-file abi/libkefu.so.1.abi "$library"
echo "abi/libkefu.so.1.abi updated from $library"

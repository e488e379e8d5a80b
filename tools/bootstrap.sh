#!/usr/bin/env bash
# Installs the Debian packages that building and testing kefu need.
# Idempotent: when everything is present it only asks dpkg and exits.
set -euo pipefail

packages=(
    build-essential cmake pkg-config git
    libicu-dev libboost-dev nlohmann-json3-dev libcli11-dev libsqlite3-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    python3 python3-pytest python3-sklearn python3-icu fasttext libfasttext-dev opencc
    abigail-tools graphviz clang libclang-rt-14-dev time
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "bootstrap: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "bootstrap: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Build the committed example and benchmark ELFs with GNU binutils (aarch64-linux-gnu-as/ld), linked at
# 0x40080000 like a kernel QEMU's virt board loads with -kernel. Run from anywhere; needs binutils-aarch64-linux-gnu.
set -euo pipefail
cd "$(dirname "$0")/.."
AS=${AS:-aarch64-linux-gnu-as}
LD=${LD:-aarch64-linux-gnu-ld}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

build() { # build SRC.S OUT.elf
  local obj="$tmp/$(basename "$1" .S).o"
  "$AS" -o "$obj" "$1"
  # -n: no page alignment (small file, read-only text); no build-id note
  "$LD" -n -Ttext=0x40080000 -e _start --build-id=none -o "$2" "$obj"
  echo "built $2"
}

build examples/hello.S examples/hello.elf
build bench/loop.S bench/loop.elf

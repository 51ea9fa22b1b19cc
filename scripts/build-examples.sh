#!/usr/bin/env bash
# Build the committed example and benchmark ELFs with GNU binutils (aarch64-linux-gnu-as/ld), linked at
# 0x40080000 like a kernel QEMU's virt board loads with -kernel. Run from anywhere; needs binutils-aarch64-linux-gnu.
set -euo pipefail
cd "$(dirname "$0")/.."
AS=${AS:-aarch64-linux-gnu-as}
LD=${LD:-aarch64-linux-gnu-ld}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

build() { # build SRC.S OUT.elf [AS-OPTION...]
  local src=$1 out=$2
  shift 2
  local obj="$tmp/$(basename "$out" .elf).o"
  # -I: .include files sit next to their source
  "$AS" -I "$(dirname "$src")" "$@" -o "$obj" "$src"
  # -n: no page alignment (small file, read-only text); no build-id note
  "$LD" -n -Ttext=0x40080000 -e _start --build-id=none -o "$out" "$obj"
  echo "built $out"
}

build examples/hello.S examples/hello.elf
build bench/loop.S bench/loop.elf
build bench/loop-mmu.S bench/loop-mmu.elf
build bench/loop-mmu.S bench/loop-mmu-1000.elf --defsym ITERATIONS=1000

#!/usr/bin/env bash
# Fetch kvm-unit-tests at a pinned commit and build its arm64 tests (issue 14), once: cached and idempotent.
#   scripts/kut-fetch.sh [DIR]     DIR defaults to $TWOSTAGE_KUT_DIR or ~/.cache/twostage/kvm-unit-tests
# The source comes from $TWOSTAGE_KUT_GIT (a clone or bare mirror) when it holds the pinned commit, otherwise from
# upstream over the network; it is never part of this repository. Built with Debian's gcc-aarch64-linux-gnu:
# `./configure --arch=arm64 --cross-prefix=aarch64-linux-gnu-; make`. Leaves DIR/arm/*.flat, DIR/arm/unittests.cfg
# and DIR/COMMIT.
set -euo pipefail
commit=1da1819e49fc4938985edca67df669099b4c87a7   # master, 2026-06-26 ("Merge branch 'arm/queue'")
upstream=https://gitlab.com/kvm-unit-tests/kvm-unit-tests.git
dir="${1:-${TWOSTAGE_KUT_DIR:-$HOME/.cache/twostage/kvm-unit-tests}}"
if [ -s "$dir/COMMIT" ] && [ "$(cat "$dir/COMMIT")" = "$commit" ] && ls "$dir"/arm/*.flat >/dev/null 2>&1; then
  echo "kut-fetch: cached in $dir (${commit:0:12})"
  exit 0
fi
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || { echo "kut-fetch: no aarch64-linux-gnu-gcc (Debian gcc-aarch64-linux-gnu)" >&2; exit 1; }
if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
  # a half-done or older build is redone from scratch; anything else is not ours to delete
  [ -d "$dir/.git" ] || { echo "kut-fetch: $dir is not empty and not a kvm-unit-tests checkout: not overwritten" >&2; exit 1; }
  rm -rf "$dir"
fi
mkdir -p "$dir"
git -C "$dir" init -q
src="$upstream"
if [ -n "${TWOSTAGE_KUT_GIT:-}" ] && git -C "$TWOSTAGE_KUT_GIT" cat-file -e "$commit^{commit}" 2>/dev/null; then src="$TWOSTAGE_KUT_GIT"; fi
git -C "$dir" fetch -q --depth 1 "$src" "$commit" 2>/dev/null || git -C "$dir" fetch -q "$src"
git -C "$dir" checkout -q "$commit"
(cd "$dir" && ./configure --arch=arm64 --cross-prefix=aarch64-linux-gnu- >/dev/null && make -s -j2 >/dev/null)
echo "$commit" > "$dir/COMMIT"
echo "kut-fetch: kvm-unit-tests ${commit:0:12} built in $dir ($(ls "$dir"/arm/*.flat | wc -l) .flat files)"

#!/usr/bin/env bash
# Fetch Debian's stock arm64 kernel and busybox-static (issue 14) with apt, once: cached and idempotent.
#   scripts/linux-fetch.sh [DIR]     DIR defaults to $TWOSTAGE_LINUX_DIR or ~/.cache/twostage/linux
# Leaves DIR/Image (the kernel, inflated if the package ships it gzip'd), DIR/busybox (static, arm64), DIR/VERSION.
set -euo pipefail
dir="${1:-${TWOSTAGE_LINUX_DIR:-$HOME/.cache/twostage/linux}}"
mkdir -p "$dir"
if [ -s "$dir/Image" ] && [ -s "$dir/busybox" ] && [ -s "$dir/VERSION" ]; then
  echo "linux-fetch: cached in $dir ($(cat "$dir/VERSION"))"
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || { echo "linux-fetch: no apt-get: cannot fetch Debian's kernel" >&2; exit 1; }
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
# the arm64 package lists: refreshed only when the kernel's metapackage is unknown
apt-cache show linux-image-arm64:arm64 >/dev/null 2>&1 || apt-get update -qq
pkg=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-6\.1\.0-[0-9]+-arm64/ {print $2; exit}')
pkg="${pkg%:arm64}"
[ -n "$pkg" ] || { echo "linux-fetch: no linux-image-6.1.0-*-arm64 behind linux-image-arm64" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 777 "$work" # apt's download user (_apt) writes here
(cd "$work" && apt-get download -qq "$pkg:arm64" "busybox-static:arm64")
mkdir -p "$work/k" "$work/b"
dpkg-deb -x "$work"/linux-image-*.deb "$work/k"
dpkg-deb -x "$work"/busybox-static_*.deb "$work/b"
vmlinuz=$(ls "$work"/k/boot/vmlinuz-*)
if [ "$(head -c 2 "$vmlinuz" | od -An -tx1 | tr -d ' ')" = "1f8b" ]; then gunzip -c "$vmlinuz" > "$dir/Image"; else cp "$vmlinuz" "$dir/Image"; fi
cp "$work/b/bin/busybox" "$dir/busybox"
echo "${pkg} $(dpkg-deb -f "$work"/linux-image-*.deb Version)" > "$dir/VERSION"
echo "linux-fetch: $(cat "$dir/VERSION") in $dir"

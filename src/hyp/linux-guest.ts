// A Linux guest's boot image: its kernel, initrd and device tree placed in the VM's RAM (its memory[0]) as QEMU's
// `-kernel/-initrd/-append` loader places them in the board's RAM (src/machine/linux-boot.ts, reused as it is), with
// QEMU's boot stub at the start of RAM, where the VM is entered: it enters the kernel with x0 = the device tree's IPA
// (Linux arm64 booting.rst §4).
import { resolve } from 'node:path';
import { MAX_BINARY_BYTES, readUserFile } from '../asm/user-file.ts';
import { encodeFdt } from '../machine/fdt.ts';
import { bootStub, dtbTooLarge, layoutLinux, parseArm64Image, type LinuxLayout } from '../machine/linux-boot.ts';
import type { LinuxSpec } from './scenario.ts';
import { vmTree } from './vm-dt.ts';

/** Bytes to write at an IPA of the VM. */
export interface GuestBlob {
  readonly what: string;
  readonly ipa: number;
  readonly bytes: Uint8Array;
}

export interface LinuxGuest {
  readonly layout: LinuxLayout;
  readonly blobs: readonly GuestBlob[];
}

/** Why a Linux guest cannot be built: the `linux` key at fault ('' for the whole) and the reason. */
export interface LinuxGuestError {
  readonly key: '' | 'image' | 'initrd' | 'bootargs';
  readonly why: string;
}

/**
 * The blobs of a Linux guest whose RAM is [ramBase, ramBase + ramSize) of its IPA space, or what is wrong. Files are
 * relative to `baseDir`.
 */
export function linuxGuest(spec: LinuxSpec, ramBase: number, ramSize: number, baseDir: string): LinuxGuest | LinuxGuestError {
  // bounded and non-blocking (a FIFO, /dev/zero or a huge file is refused, not read): the file must fit the VM's RAM
  const read = (key: 'image' | 'initrd', file: string): Uint8Array | LinuxGuestError => {
    const path = resolve(baseDir, file);
    const r = readUserFile(path, Math.min(ramSize, MAX_BINARY_BYTES), 'of the VM\'s RAM (memory[0])');
    return r.ok ? r.bytes : { key, why: `cannot read ${path}: ${r.error}` };
  };
  const file = read('image', spec.image);
  if (!(file instanceof Uint8Array)) return file;
  const img = parseArm64Image(file);
  if (!img.ok) return { key: 'image', why: `${resolve(baseDir, spec.image)}: ${img.error}` };
  if (!img.value.hasHeader) return { key: 'image', why: `${resolve(baseDir, spec.image)}: not an arm64 Image (no "ARM\\x64" magic at offset 0x38)` };
  const initrd = spec.initrd === undefined ? new Uint8Array(0) : read('initrd', spec.initrd);
  if (!(initrd instanceof Uint8Array)) return initrd;
  const plan = layoutLinux(img.value, initrd.length, ramBase, ramSize);
  if (!plan.ok) return { key: '', why: `${plan.error} (memory[0] is the guest's RAM: 0x${ramSize.toString(16)} bytes)` };
  const layout = plan.value;
  const dtb = encodeFdt(vmTree(ramBase, ramSize, { append: spec.bootargs, initrd: { start: layout.initrdStart, size: initrd.length } }));
  const big = dtbTooLarge(dtb.length);
  if (big !== undefined) return { key: 'bootargs', why: big };
  if (layout.dtbStart + dtb.length > ramBase + ramSize) return { key: '', why: 'not enough space for the device tree after kernel/initrd (memory[0] is the guest\'s RAM)' };
  const blobs: GuestBlob[] = [
    { what: 'boot', ipa: ramBase, bytes: bootStub(layout.dtbStart, layout.entry) },
    { what: 'kernel', ipa: layout.entry, bytes: img.value.bytes },
    { what: 'dtb', ipa: layout.dtbStart, bytes: dtb },
  ];
  if (initrd.length > 0) blobs.splice(2, 0, { what: 'initrd', ipa: layout.initrdStart, bytes: initrd });
  return { layout, blobs };
}

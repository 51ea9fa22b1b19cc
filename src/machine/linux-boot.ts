// Booting an arm64 Linux Image the way `qemu-system-aarch64 -M virt -kernel Image [-initrd F] [-append S] [-dtb D]`
// does (ARCH-NOTES §16; QEMU 7.2 hw/arm/boot.c arm_setup_direct_kernel_boot, load_aarch64_image, arm_load_dtb,
// fdt_add_psci_node; hw/core/loader.c load_image_gzipped_buffer): the Image header decides the load offset, a gzip'd
// Image is inflated first, the initrd goes after the kernel, the device tree after the initrd on a 2 MiB boundary,
// and a six-instruction stub at the start of RAM enters the kernel with x0 = the DTB's address, x1–x3 = 0.
// Everything is computed here as a plan (pure data); VirtMachine.loadLinux writes it into RAM.
import { createRequire } from 'node:module';
import { cells, cells64, findNode, type FdtNode, node, readCells, strings } from './fdt.ts';

/** node:zlib, loaded when a gzip'd Image is read: loading it at start-up cost every `boot` ≈ 2 ms. */
const zlib = (): typeof import('node:zlib') => createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');

/** Image header offsets (Linux boot §4, ARCH-NOTES §16a). */
const HDR_TEXT_OFFSET = 0x08;
const HDR_IMAGE_SIZE = 0x10;
const HDR_FLAGS = 0x18;
const HDR_MAGIC = 0x38;
const ARM64_MAGIC = 0x644d5241; // "ARM\x64" little-endian
/** Offset used when the header gives none (no magic, or image_size = 0: pre-3.17 kernels) (QEMU KERNEL64_LOAD_ADDR). */
const DEFAULT_TEXT_OFFSET = 0x80000;
/** The boot stub occupies the start of RAM; a text_offset below this is moved up by 2 MiB (QEMU BOOTLOADER_MAX_SIZE). */
const BOOTLOADER_MAX_SIZE = 0x1000;
const MiB = 1024 * 1024;
/** QEMU inflates at most this much (LOAD_IMAGE_MAX_GUNZIP_BYTES). */
export const MAX_GUNZIP_BYTES = 256 * MiB;
/** The initrd goes at most this far into RAM, and no further than half of it (QEMU arm_setup_direct_kernel_boot). */
const INITRD_MAX_OFFSET = 128 * MiB;
/** AArch64 kernels may map the DTB's whole 2 MiB block early: QEMU aligns its start to 2 MiB. */
const DTB_ALIGN = 2 * MiB;
/** TARGET_PAGE_ALIGN on QEMU's ARMv7+/v8 CPUs (4 KiB target pages). */
const PAGE = 0x1000;
/** Linux boot §2: the DTB must not exceed 2 MiB. */
export const DTB_MAX = 2 * MiB;
/**
 * The blob's size as QEMU hands it over (its totalsize, which Linux reserves): the machine's own tree lives in a 1 MiB
 * buffer (QEMU system/device_tree.c create_device_tree, FDT_MAX_SIZE), a user's --dtb gets 10000 bytes of room added
 * (load_device_tree). Matching them keeps the guest's memory layout (and its boot log) equal to QEMU's.
 */
export const MACHINE_DTB_SIZE = 0x10_0000;
export const USER_DTB_SLACK = 10_000;

/** The flags field decoded (Linux boot §4). */
export interface ImageFlags {
  readonly bigEndian: boolean;
  /** 0 unspecified, 4096, 16384 or 65536. */
  readonly pageSize: number;
  /** Bit 3: the image may be placed anywhere rather than near the start of DRAM. */
  readonly anywhere: boolean;
}

export interface Arm64Image {
  /** The bytes loaded (inflated when the file was gzip'd). */
  readonly bytes: Uint8Array;
  readonly gzipped: boolean;
  /** The header's magic was found (a file without it is still loaded, as QEMU does, at 0x80000). */
  readonly hasHeader: boolean;
  readonly textOffset: number;
  /** image_size from the header (0 when absent). */
  readonly imageSize: number;
  readonly flags: ImageFlags;
  /** Where the image goes, from the start of RAM (text_offset, moved up 2 MiB when below 4 KiB). */
  readonly loadOffset: number;
  /** The memory the kernel claims from its load address: image_size, or the file's size without one. */
  readonly kernelSize: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const le64 = (b: Uint8Array, off: number): number => {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return dv.getUint32(off, true) + dv.getUint32(off + 4, true) * 2 ** 32;
};

/** Inflate a gzip'd file (magic 1F 8B) or take it as it is; then read the arm64 Image header (QEMU load_aarch64_image). */
export function parseArm64Image(file: Uint8Array): Parsed<Arm64Image> {
  const gzipped = file.length >= 2 && file[0] === 0x1f && file[1] === 0x8b;
  let bytes = file;
  if (gzipped) {
    try {
      bytes = zlib().gunzipSync(file, { maxOutputLength: MAX_GUNZIP_BYTES });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ERR_BUFFER_TOO_LARGE' ? `inflates to more than ${MAX_GUNZIP_BYTES / MiB} MiB` : `corrupt gzip data (${(e as Error).message})`;
      return { ok: false, error: `gzip'd kernel: ${why}` };
    }
  }
  if (bytes.length === 0) return { ok: false, error: 'empty kernel image' };
  // QEMU checks the magic only when the file is longer than its offset + 4
  const hasHeader = bytes.length > HDR_MAGIC + 4 && new DataView(bytes.buffer, bytes.byteOffset).getUint32(HDR_MAGIC, true) === ARM64_MAGIC;
  const textOffset = hasHeader ? le64(bytes, HDR_TEXT_OFFSET) : 0;
  const imageSize = hasHeader ? le64(bytes, HDR_IMAGE_SIZE) : 0;
  const rawFlags = hasHeader ? le64(bytes, HDR_FLAGS) : 0;
  const flags: ImageFlags = {
    bigEndian: (rawFlags & 1) === 1, // flags bit 0: kernel endianness
    pageSize: [0, 4096, 16384, 65536][Math.floor(rawFlags / 2) & 3]!, // flags bits 2:1: kernel page size
    anywhere: (Math.floor(rawFlags / 8) & 1) === 1, // flags bit 3: physical placement
  };
  if (flags.bigEndian) return { ok: false, error: 'big-endian kernel (Image flags bit 0 set): the model runs little-endian only' };
  // text_offset is valid only when image_size is non-zero (Linux boot §4); below 4 KiB it would overlap the boot stub
  let loadOffset = DEFAULT_TEXT_OFFSET;
  if (imageSize !== 0) loadOffset = textOffset < BOOTLOADER_MAX_SIZE ? textOffset + 2 * MiB : textOffset;
  return { ok: true, value: { bytes, gzipped, hasHeader, textOffset, imageSize, flags, loadOffset, kernelSize: imageSize !== 0 ? imageSize : bytes.length } };
}

/** Where everything goes (physical addresses). */
export interface LinuxLayout {
  readonly entry: number;
  readonly initrdStart: number;
  readonly initrdSize: number;
  readonly dtbStart: number;
}

/** QEMU's placement for RAM [ramBase, ramBase + ramSize) (ARCH-NOTES §16c); an error when something does not fit. */
export function layoutLinux(img: Arm64Image, initrdSize: number, ramBase: number, ramSize: number): Parsed<LinuxLayout> {
  const ramEnd = ramBase + ramSize;
  const fail = (error: string): Parsed<LinuxLayout> => ({ ok: false, error });
  if (img.kernelSize > ramSize) return fail(`kernel is too large to fit in RAM (kernel size ${img.kernelSize}, RAM size ${ramSize})`);
  const entry = ramBase + img.loadOffset;
  if (entry + img.bytes.length > ramEnd) return fail(`kernel (0x${entry.toString(16)} + ${img.bytes.length} bytes) does not fit in RAM ending at 0x${ramEnd.toString(16)}`);
  // initrd: halfway into small RAMs, 128 MiB in otherwise, and never over the kernel's image_size; page aligned
  const initrdStart = alignUp(Math.max(ramBase + Math.min(ramSize / 2, INITRD_MAX_OFFSET), entry + img.kernelSize), PAGE);
  if (initrdSize > 0) {
    if (initrdStart >= ramEnd) return fail('not enough space after kernel to load initrd');
    if (initrdStart + initrdSize > ramEnd) return fail('initrd is too big to fit into RAM after the kernel');
  }
  const dtbStart = alignUp(initrdStart + initrdSize, DTB_ALIGN);
  if (dtbStart >= ramEnd) return fail('not enough space for the device tree after kernel/initrd');
  return { ok: true, value: { entry, initrdStart, initrdSize, dtbStart } };
}

function alignUp(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}

/**
 * The boot stub QEMU writes at the start of RAM (hw/arm/boot.c bootloader_aarch64; ARCH-NOTES §16c), entered at EL2h:
 *   ldr x0, dtb ; mov x1, xzr ; mov x2, xzr ; mov x3, xzr ; ldr x4, entry ; br x4 ; dtb: .quad ; entry: .quad
 */
export function bootStub(dtb: number, entry: number): Uint8Array {
  const words = [0x580000c0, 0xaa1f03e1, 0xaa1f03e2, 0xaa1f03e3, 0x58000084, 0xd61f0080];
  const out = new Uint8Array(40);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w, true));
  dv.setBigUint64(24, BigInt(dtb), true);
  dv.setBigUint64(32, BigInt(entry), true);
  return out;
}

export interface ChosenArgs {
  readonly append: string;
  readonly initrd?: { readonly start: number; readonly size: number };
}

/**
 * /chosen's boot properties, as QEMU's arm_load_dtb sets them: `bootargs` when the command line is not empty, and the
 * initrd's start and end as single 32-bit cells (qemu_fdt_setprop_cell, whatever #address-cells says).
 */
export function setChosen(root: FdtNode, args: ChosenArgs): void {
  let chosen = findNode(root, '/chosen');
  if (chosen === undefined) {
    chosen = node('chosen');
    root.children.push(chosen);
  }
  if (args.append !== '') chosen.props.set('bootargs', strings(args.append));
  if (args.initrd !== undefined && args.initrd.size > 0) {
    chosen.props.set('linux,initrd-start', cells(args.initrd.start));
    chosen.props.set('linux,initrd-end', cells(args.initrd.start + args.initrd.size));
  }
}

/**
 * A user's `--dtb` edited as QEMU 7.2's arm_load_dtb does: its root /memory nodes give way to one describing the RAM
 * (with the tree's own #address-cells/#size-cells), /chosen gets the command line and initrd, and /psci is replaced by
 * the machine's (fdt_add_psci_node). `psci` is the machine's node.
 */
export function editUserDtb(root: FdtNode, ramBase: number, ramSize: number, args: ChosenArgs, psci: FdtNode): Parsed<FdtNode> {
  const cellCount = (name: string): number => {
    const v = root.props.get(name);
    return v !== undefined && v.length === 4 ? readCells(v)[0]! : 0;
  };
  const acells = cellCount('#address-cells');
  const scells = cellCount('#size-cells');
  if (acells === 0 || scells === 0) return { ok: false, error: 'dtb file invalid (#address-cells or #size-cells 0)' };
  if (acells > 2 || scells > 2) return { ok: false, error: `dtb file has #address-cells = ${acells}, #size-cells = ${scells}: at most 2 are supported` };
  if (scells < 2 && ramSize >= 4 * 1024 * MiB) return { ok: false, error: 'dtb file not compatible with RAM size > 4GB' };
  const sized = (n: number, v: number): Uint8Array => (n === 2 ? cells64(v) : cells(v));
  const kept = root.children.filter((c) => c.name !== 'memory' && !c.name.startsWith('memory@') && c.name !== 'psci');
  root.children.length = 0;
  root.children.push(
    ...kept,
    node(`memory@${ramBase.toString(16)}`, {
      device_type: strings('memory'),
      reg: concat(sized(acells, ramBase), sized(scells, ramSize)),
    }),
    psci,
  );
  setChosen(root, args);
  return { ok: true, value: root };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A DTB larger than Linux accepts (Linux boot §2). */
export function dtbTooLarge(bytes: number): string | undefined {
  return bytes > DTB_MAX ? `device tree is ${bytes} bytes; Linux accepts at most ${DTB_MAX}` : undefined;
}

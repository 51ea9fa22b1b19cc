// Flattened device tree blobs (Devicetree Specification v0.4 §5 "Flattened Devicetree (DTB) Format"): a tree of
// nodes and properties, its encoding (header, memory reservation block, structure block, strings block; version 17,
// last compatible version 16) and a decoder that checks every offset, length and token of an untrusted blob.
// The machine writes its own tree with it (virt-dt.ts) and edits a user's `--dtb` as QEMU does (linux-boot.ts).

export interface FdtNode {
  /** Node name with its unit address (`pl011@9000000`); '' for the root. */
  readonly name: string;
  /** Properties in order; values are the raw big-endian bytes. */
  readonly props: Map<string, Uint8Array>;
  readonly children: FdtNode[];
}

const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40; // v17 header: ten 32-bit fields
const VERSION = 17;
const LAST_COMP_VERSION = 16;
/** Deeper nesting than this is not a device tree but an attack on the decoder's stack. */
const MAX_DEPTH = 64;
/**
 * Property names decoded from the strings block, in characters, at most: each offset is decoded once, and offsets
 * into one long string would otherwise cost its length each (a 2 MiB blob, quadratic gigabytes). Real trees use a few
 * KiB (DTSpec §2.2.4.1: names of 1 to 31 characters).
 */
const MAX_NAME_CHARS = 4 << 20;

export function node(name: string, props: Record<string, Uint8Array> = {}, children: FdtNode[] = []): FdtNode {
  return { name, props: new Map(Object.entries(props)), children };
}

// --- property values (Devicetree Specification §2.2.4 property value types) ---

/** <u32 …>: big-endian 32-bit cells. */
export function cells(...vs: number[]): Uint8Array {
  const out = new Uint8Array(4 * vs.length);
  const dv = new DataView(out.buffer);
  vs.forEach((v, i) => dv.setUint32(4 * i, v >>> 0));
  return out;
}

/** A 64-bit value as two cells (high, low): addresses and sizes with #address-cells = #size-cells = 2. */
export function cells64(...vs: number[]): Uint8Array {
  return cells(...vs.flatMap((v) => [Math.floor(v / 2 ** 32), v % 2 ** 32]));
}

/** <stringlist>: NUL-terminated strings, concatenated. */
export function strings(...ss: string[]): Uint8Array {
  return new TextEncoder().encode(ss.map((s) => s + '\0').join(''));
}

/** <empty>: a boolean property. */
export const EMPTY = new Uint8Array(0);

/** Node `path` (`/chosen`, `/intc@8000000/v2m@8020000`) under `root`, or undefined. */
export function findNode(root: FdtNode, path: string): FdtNode | undefined {
  let n: FdtNode | undefined = root;
  for (const part of path.split('/').filter((p) => p !== '')) n = n?.children.find((c) => c.name === part);
  return n;
}

/** Every node with its path, depth first (the root is '/'). */
export function* walkNodes(root: FdtNode, path = ''): Generator<[string, FdtNode]> {
  yield [path === '' ? '/' : path, root];
  for (const c of root.children) yield* walkNodes(c, `${path}/${c.name}`);
}

// --- encoding ---

/**
 * The blob of `root` (boot CPU 0, no memory reservations). `totalSize` pads it with free space to that many bytes
 * (header totalsize), as a blob edited in place carries it; it never cuts the blob short.
 */
export function encodeFdt(root: FdtNode, totalSize = 0): Uint8Array {
  const strs: number[] = [];
  const strOff = new Map<string, number>();
  const struct: number[] = [];
  const word = (v: number) => struct.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const bytes = (b: Uint8Array) => {
    for (const x of b) struct.push(x);
    while (struct.length % 4 !== 0) struct.push(0); // tokens are 32-bit aligned
  };
  const nameOff = (name: string): number => {
    let off = strOff.get(name);
    if (off === undefined) {
      off = strs.length;
      strOff.set(name, off);
      strs.push(...strings(name));
    }
    return off;
  };
  const emit = (n: FdtNode): void => {
    word(FDT_BEGIN_NODE);
    bytes(strings(n.name));
    for (const [k, v] of n.props) {
      word(FDT_PROP);
      word(v.length);
      word(nameOff(k));
      bytes(v);
    }
    n.children.forEach(emit);
    word(FDT_END_NODE);
  };
  emit(root);
  word(FDT_END);
  const rsvOff = HEADER_SIZE + 8; // the memory reservation block is 8-byte aligned: one empty (0, 0) entry
  const structOff = rsvOff + 16;
  const stringsOff = structOff + struct.length;
  const total = Math.max(stringsOff + strs.length, totalSize);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  [FDT_MAGIC, total, structOff, stringsOff, rsvOff, VERSION, LAST_COMP_VERSION, 0, strs.length, struct.length].forEach((v, i) => dv.setUint32(4 * i, v));
  out.set(struct, structOff);
  out.set(strs, stringsOff);
  return out;
}

// --- decoding ---

export type FdtDecoded = { readonly ok: true; readonly root: FdtNode } | { readonly ok: false; readonly error: string };

/** Parse a blob; every failure is a message naming the offset and what was wrong (never an exception). */
export function decodeFdt(blob: Uint8Array): FdtDecoded {
  const fail = (error: string): FdtDecoded => ({ ok: false, error });
  if (blob.length < HEADER_SIZE) return fail(`truncated device tree header (${blob.length} bytes, need ${HEADER_SIZE})`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const h = (i: number) => dv.getUint32(4 * i);
  if (h(0) !== FDT_MAGIC) return fail(`not a device tree blob (magic 0x${h(0).toString(16)}, expected 0xd00dfeed)`);
  const [total, structOff, stringsOff, , version, lastComp, , stringsSize] = [h(1), h(2), h(3), h(4), h(5), h(6), h(7), h(8)];
  const structSize = h(9);
  if (total > blob.length) return fail(`header totalsize ${total} exceeds the file (${blob.length} bytes)`);
  if (version < LAST_COMP_VERSION || lastComp > VERSION) return fail(`unsupported device tree version ${version} (last compatible ${lastComp}; need 16 or 17)`);
  if (structOff % 4 !== 0 || structOff < HEADER_SIZE || structOff + structSize > total) return fail(`structure block (offset ${structOff}, size ${structSize}) outside the blob`);
  if (stringsOff + stringsSize > total) return fail(`strings block (offset ${stringsOff}, size ${stringsSize}) outside the blob`);
  const end = structOff + structSize;
  let p = structOff;
  const cstr = (at: number, limit: number): string | undefined => {
    const z = blob.indexOf(0, at);
    return z < 0 || z >= limit ? undefined : new TextDecoder().decode(blob.subarray(at, z));
  };
  const token = (): number => {
    if (p + 4 > end) return -1;
    const t = dv.getUint32(p);
    p += 4;
    return t;
  };
  const align = (n: number) => (n + 3) & ~3;
  const names = new Map<number, string>();
  let nameChars = 0;
  const propName = (off: number): string | undefined => {
    let name = names.get(off);
    if (name === undefined && off < stringsSize) {
      name = cstr(stringsOff + off, stringsOff + stringsSize);
      if (name !== undefined) {
        names.set(off, name);
        nameChars += name.length;
      }
    }
    return name;
  };
  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  for (;;) {
    const at = p;
    const t = token();
    if (t === FDT_NOP) continue;
    if (t === FDT_BEGIN_NODE) {
      const name = cstr(p, end);
      if (name === undefined) return fail(`node name at offset ${p} is not terminated inside the structure block`);
      p += align(name.length + 1);
      if (stack.length === 0 && root !== undefined) return fail(`second root node at offset ${at}`);
      if (stack.length >= MAX_DEPTH) return fail(`nodes nested deeper than ${MAX_DEPTH} at offset ${at}`);
      const n = node(name);
      if (stack.length === 0) root = n;
      else stack[stack.length - 1]!.children.push(n);
      stack.push(n);
    } else if (t === FDT_PROP) {
      const n = stack[stack.length - 1];
      if (n === undefined) return fail(`property outside any node at offset ${at}`);
      if (p + 8 > end) return fail(`property header at offset ${at} runs past the structure block`);
      const len = dv.getUint32(p);
      const off = dv.getUint32(p + 4);
      p += 8;
      if (p + len > end) return fail(`property at offset ${at}: ${len} value bytes run past the structure block`);
      const name = propName(off);
      if (name === undefined) return fail(`property at offset ${at}: name offset ${off} is not a string of the strings block`);
      if (nameChars > MAX_NAME_CHARS) return fail(`property at offset ${at}: the property names take more than ${MAX_NAME_CHARS >> 20} MiB`);
      n.props.set(name, blob.slice(p, p + len));
      p += align(len);
    } else if (t === FDT_END_NODE) {
      if (stack.pop() === undefined) return fail(`unbalanced end of node at offset ${at}`);
    } else if (t === FDT_END) {
      if (stack.length !== 0 || root === undefined) return fail(`structure block ends at offset ${at} inside a node`);
      return { ok: true, root };
    } else {
      return t < 0 ? fail('structure block ends without FDT_END') : fail(`unknown token 0x${t.toString(16)} at offset ${at}`);
    }
  }
}

/** The big-endian 32-bit cells of a property value (a partial trailing cell is ignored). */
export function readCells(v: Uint8Array): number[] {
  const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
  return Array.from({ length: v.length >>> 2 }, (_, i) => dv.getUint32(4 * i));
}

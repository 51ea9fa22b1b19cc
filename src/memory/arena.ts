// A machine's arena: one WebAssembly.Memory that holds its RAM and its CPU's register files, all seen from
// JavaScript through typed-array views of the one buffer, so that code compiled to WebAssembly can read and write the
// same bytes at fixed offsets (the wasm tier of issue 15, docs/DESIGN-NOTES.md stop 37). Sized once at creation and
// never grown: growing a wasm memory detaches its buffer, and with it every view the model holds.
//
// Layout: [0, STATE_BYTES) the CPUs' state (take() hands it out in order), then RAM: byte `off` of RAM at
// STATE_BYTES + off. A wasm memory starts zeroed (WebAssembly core spec §4.5.3.8 "alloc mem": bytes are 0x00), as new
// RAM must; the host commits its pages only when first touched, so an arena costs what RAM the guest uses.
import { WASM, WASM_MAX_PAGES, WASM_PAGE, type WasmMemory } from './wasm-api.ts';

/** The bytes before RAM, for CPU state: one wasm page. */
export const STATE_BYTES = WASM_PAGE;

export class Arena {
  readonly memory: WasmMemory;
  /** The memory's buffer, fixed for the arena's life. */
  readonly buffer: ArrayBuffer;
  /** The offset of RAM's first byte. */
  readonly ramOffset = STATE_BYTES;
  /** The next free byte of the state area. */
  private stateUsed = 0;

  /** An arena for `ramBytes` of RAM (a multiple of 64 KiB); throws when it does not fit a wasm memory (arenaFits). */
  constructor(readonly ramBytes: number) {
    if (!arenaFits(ramBytes)) throw new Error(`an arena holds at most ${(WASM_MAX_PAGES * WASM_PAGE - STATE_BYTES) / 2 ** 20} MiB of RAM in 64 KiB pages, not 0x${ramBytes.toString(16)} bytes`);
    const pages = (STATE_BYTES + ramBytes) / WASM_PAGE;
    // shared: V8 counts a shared memory's bytes as none of the isolate's external memory
    // (BackingStore::PerIsolateAccountingLength), where an unshared one of the default 128 MiB passes the 64 MiB soft
    // limit at once and forces a full collection into every start (--trace-gc: "external memory pressure", ≈ 15 ms)
    this.memory = new WASM.Memory({ initial: pages, maximum: pages, shared: true });
    this.buffer = this.memory.buffer;
  }

  /** `bytes` of the state area, 16-byte aligned (a V register's and a BigUint64Array's alignment): their offset. */
  take(bytes: number): number {
    const off = this.stateUsed;
    const end = off + ((bytes + 15) & ~15);
    if (end > STATE_BYTES) throw new Error(`arena: CPU state of ${end} bytes does not fit its ${STATE_BYTES}`);
    this.stateUsed = end;
    return off;
  }
}

/** Whether `ramBytes` of RAM fit an arena: a whole number of wasm pages, with the state area, in a 32-bit memory. */
export function arenaFits(ramBytes: number): boolean {
  return Number.isSafeInteger(ramBytes) && ramBytes > 0 && ramBytes % WASM_PAGE === 0 && STATE_BYTES + ramBytes <= WASM_MAX_PAGES * WASM_PAGE;
}

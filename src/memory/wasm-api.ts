// The part of the WebAssembly JavaScript API the model uses, typed (the project's TypeScript libraries leave out the DOM
// library, where these types live). One declaration for src/ and bench/.

/** A WebAssembly.Memory: `buffer` is replaced (the old one detached) only by grow(), which the model never calls. A
 *  shared memory's buffer is a SharedArrayBuffer, which typed arrays view as they view an ArrayBuffer. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** An exported WebAssembly function (opaque here: it is only put into a table). */
export interface WasmFunction {
  readonly length: number;
}

/** A WebAssembly.Table of function references. */
export interface WasmTable {
  readonly length: number;
  /** Add `n` slots (null); returns the old length. */
  grow(n: number): number;
  set(i: number, v: WasmFunction | null): void;
}

export interface WasmApi {
  /** `initial` and `maximum` in 64 KiB wasm pages; a `shared` memory needs its maximum. */
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Table: new (d: { initial: number; element: 'anyfunc' }) => WasmTable;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { readonly exports: unknown };
}

export const WASM: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Bytes in a wasm page (WebAssembly core spec §2.5.5 "Memories": the page size is 64 KiB). */
export const WASM_PAGE = 0x1_0000;
/** The most pages a 32-bit wasm memory has (4 GiB: the whole i32 address space; V8 allows it on 64-bit hosts). */
export const WASM_MAX_PAGES = 0x1_0000;

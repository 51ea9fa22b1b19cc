// A 64-bit (two 32-bit FNV-1a lanes) fingerprint of the explored machine state, so the explorer visits each
// state once: different choice sequences that converge (a write made visible one instruction earlier, before
// anything read it) are explored only once.

export class StateHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  word(w: number): void {
    this.a = Math.imul(this.a ^ (w & 0xffff), 0x01000193);
    this.a = Math.imul(this.a ^ (w >>> 16), 0x01000193);
    this.b = Math.imul(this.b ^ w, 0x5bd1e995);
    this.b ^= this.b >>> 13;
  }

  words(ws: ArrayLike<number>, from = 0, to = ws.length): void {
    for (let i = from; i < to; i++) this.word(ws[i]!);
  }

  /** A float64 (TLB keys and addresses) as two words. */
  num(n: number): void {
    this.word(n >>> 0);
    this.word(Math.floor(n / 0x1_0000_0000) >>> 0);
  }

  text(s: string): void {
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  /** The two 32-bit lanes (to combine hashes of the members of a set order-independently). */
  lanes(): [number, number] {
    return [this.a >>> 0, this.b >>> 0];
  }

  key(): string {
    return `${(this.a >>> 0).toString(36)}:${(this.b >>> 0).toString(36)}`;
  }
}

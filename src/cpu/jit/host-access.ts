// The inline host-cache access of the translator's generated code (emit.ts, emit-fp.ts): the block prologue's locals
// and the hit test every inline load and store opens with.
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';
import { HC_BITS, HC_MASK, hostHitSource } from '../../mmu/tlb.ts';
import type { EmitEnv } from './emit.ts';

/**
 * The block prologue's locals for inline host-cache accesses (when EmitEnv.hostCache): the Tlb, its slot arrays (never
 * replaced: read once per block call, not at each access) and the first slot of this EL's reads and writes
 * (Tlb.hostSlot). The generation is read at each access: a slow path may empty the host cache.
 */
export const HOST_CACHE_PROLOGUE = 'const tlb = c.tlb, hcTag = tlb.hcTag, hcHi = tlb.hcHi, hcPage = tlb.hcPage, hcWord = tlb.hcWord, ' +
  `hcR = (el * 3 + ${ACC_READ}) << ${HC_BITS}, hcW = (el * 3 + ${ACC_WRITE}) << ${HC_BITS};`;
const HOST_HIT = hostHitSource({ hcTag: 'hcTag', hcHi: 'hcHi', gen: 'tlb.gen' }, 's', 'a', 'hi');

/**
 * Statements opening an inline host-cache access of `span` bytes at the address `a` (high half `hi`), `align`-byte
 * aligned: `if (` the hit test — a slot of this EL and access whose tag matches (HOST_HIT), the access aligned and
 * within its 4 KiB page, RAM, and for a store a page that holds no code (so no translated code to drop), and `extra`
 * `) {` with the RAM page `pg` and the word `wi` of `a` in it. The emitter closes it and adds the else. `accessEl`, an
 * expression, names the EL whose permissions the access is checked with when it is not PSTATE.EL (LDTR/STTR at EL1:
 * EL0), whose slots it then reads.
 */
export function hostHitOpen(e: EmitEnv, load: boolean, align: number, span: number, extra = '', accessEl?: string): string {
  e.hostCache = true;
  const inPage = span > align ? ` && (a & 0xfff) <= ${0x1000 - span}` : ''; // an aligned single access never crosses
  const slots = accessEl === undefined ? (load ? 'hcR' : 'hcW') : `((${accessEl} * 3 + ${load ? ACC_READ : ACC_WRITE}) << ${HC_BITS})`;
  return `const s = ${slots} | ((a >>> 12) & ${HC_MASK}), pg = hcPage[s]; ` +
    `if (${HOST_HIT} && (a & ${align - 1}) === 0${inPage} && pg !== undefined${load ? '' : ' && pg.ops === undefined'}${extra}) { ` +
    `const wi = hcWord[s] + ((a & 0xfff) >>> 2); `;
}

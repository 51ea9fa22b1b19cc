// `--trace mmu,tlb`: one line per translation that misses the host cache (mmu), per TLB fill and per TLBI as it takes
// effect (tlb). Installed as the TLB's MmuTrace (src/mmu/trace.ts); nothing is printed for host-cache hits.
import { hex64 } from '../bits/bits.ts';
import {
  ACC_EXEC, ACC_WRITE, FAULT_ACCESS_FLAG, FAULT_ADDRESS_SIZE, FAULT_ALIGNMENT, FAULT_EXTERNAL, FAULT_EXTERNAL_WALK,
  FAULT_PERMISSION, FAULT_TRANSLATION, type TranslateResult,
} from '../mmu/result.ts';
import { KIND_S1, KIND_S12, REGIME_EL10, type Tlb } from '../mmu/tlb.ts';
import type { MmuTrace } from '../mmu/trace.ts';

const ACCESS = ['read', 'write', 'exec'];

/** Hex of a 48-bit physical or intermediate physical address. */
export function hexPa(a: number): string {
  return '0x' + a.toString(16).padStart(12, '0');
}

/** VA from halves, as 64-bit hex. */
function hexVa(lo: number, hi: number): string {
  return hex64((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

/** "stage-2 Translation fault, level 3 (S1PTW)" and the like. */
export function faultText(r: TranslateResult): string {
  const name: Record<number, string> = {
    [FAULT_ADDRESS_SIZE]: 'Address size fault', [FAULT_TRANSLATION]: 'Translation fault',
    [FAULT_ACCESS_FLAG]: 'Access flag fault', [FAULT_PERMISSION]: 'Permission fault', [FAULT_ALIGNMENT]: 'Alignment fault',
    [FAULT_EXTERNAL]: 'Synchronous External abort', [FAULT_EXTERNAL_WALK]: 'Synchronous External abort on a table walk',
  };
  const level = r.fault === FAULT_ALIGNMENT || r.fault === FAULT_EXTERNAL ? '' : `, level ${r.level}`;
  return `stage-${r.stage2 ? 2 : 1} ${name[r.fault] ?? `fault ${r.fault}`}${level}${r.s1ptw ? ' on the stage-1 walk (S1PTW)' : ''}`;
}

/** The MmuTrace printing the requested kinds through `write`, or null when neither is requested. */
export function mmuTrace(mmu: boolean, tlb: boolean, write: (line: string) => void): MmuTrace | null {
  if (!mmu && !tlb) return null;
  return {
    translated(el, acc, lo, hi, ok, r) {
      if (!mmu) return;
      const what = `mmu: EL${el} ${ACCESS[acc]} ${hexVa(lo, hi)}`;
      if (ok) write(`${what} -> PA ${hexPa(r.pa)}${acc === ACC_EXEC || acc === ACC_WRITE || !r.device ? '' : ' (Device)'}`);
      else write(`${what}: ${faultText(r)}${r.stage2 ? ` IPA ${hexPa(r.ipa)}` : ''}`);
    },
    filled(t, e) {
      if (tlb) write(`tlb: fill ${describeEntry(t, e)}`);
    },
    invalidated(op, vmid, removed) {
      if (tlb) write(`tlb: TLBI ${op} (VMID ${vmid}) removed ${removed} entr${removed === 1 ? 'y' : 'ies'}`);
    },
  };
}

/** One TLB entry: regime, tags, input block, kind, output. */
export function describeEntry(t: Tlb, e: number): string {
  const shift = t.shift[e]!;
  const ia = t.key[e]! * 2 ** shift; // VA[55] sits at bit 48 of the key's input
  const upper = ia >= 2 ** 48;
  const input = upper ? '0xffff' + (ia - 2 ** 48).toString(16).padStart(12, '0') : hexPa(ia);
  const size = shift >= 30 ? `${2 ** (shift - 30)}G` : shift >= 20 ? `${2 ** (shift - 20)}M` : `${2 ** (shift - 10)}K`;
  const kind = t.kind[e] === KIND_S1 ? 'S1' : t.kind[e] === KIND_S12 ? 'S1+S2' : 'S2';
  const tags = t.regime[e] === REGIME_EL10 ? `EL1&0 VMID ${t.vmid[e]} ${t.global[e] === 1 ? 'global' : `ASID ${t.asid[e]}`}` : 'EL2';
  return `${tags} ${kind === 'S2' ? 'IPA' : 'VA'} ${input}/${size} ${kind} -> PA ${hexPa(t.out[e]!)}`;
}

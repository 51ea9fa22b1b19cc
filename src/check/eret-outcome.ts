// What the PE does at the ERET into the target, in words: which mode a legal return enters, or — for an illegal
// one — which check of IllegalExceptionReturn failed and what the PE then does (ARM J1.1 AArch64.ExceptionReturn,
// J1.3 IllegalExceptionReturn, SetPSTATEFromPSR, AArch64.CheckIllegalState; ARCH-NOTES §3, §13).
import { hex64 } from '../bits/bits.ts';
import type { IllegalReturn } from '../cpu/exception.ts';

/** SPSR.M[4:0] as the Arm ARM names the mode. */
export function modeName(m: number): string {
  if ((m & 0x10) !== 0) return `AArch32 mode 0b${(m & 0x1f).toString(2).padStart(5, '0')}`;
  const names: Record<number, string> = { 0b0000: 'EL0t', 0b0100: 'EL1t', 0b0101: 'EL1h', 0b1000: 'EL2t', 0b1001: 'EL2h', 0b1100: 'EL3t', 0b1101: 'EL3h' };
  return names[m & 0xf] ?? `the reserved AArch64 mode 0b${(m & 0xf).toString(2).padStart(4, '0')}`;
}

/** Why the return is illegal, with the fields that decide it. */
function reason(r: IllegalReturn, spsr: number): string {
  const m = modeName(spsr);
  switch (r) {
    case 'el1-tge':
      return `SPSR_EL2.M names ${m}, and HCR_EL2.TGE = 1 makes every return to EL1 illegal`;
    case 'aarch32':
      return `SPSR_EL2.M names ${m}, and no Exception level of this PE implements AArch32 (ID_AA64PFR0_EL1.EL0/EL1 = 0b0001)`;
    case 'higher-el':
      return `SPSR_EL2.M names ${m}, an Exception level above EL2`;
    case 'reserved-mode':
      return `SPSR_EL2.M = 0b${(spsr & 0x1f).toString(2).padStart(5, '0')} is a reserved or unimplemented mode`;
  }
}

/** The finding text of an illegal ERET: its reason and what the PE does. */
export function illegalReturnText(r: IllegalReturn, spsr: number, hcr: bigint, elr: bigint): { message: string; details: string[] } {
  return {
    message: `the ERET is an illegal exception return: ${reason(r, spsr)}`,
    details: [
      `PSTATE.IL becomes 1; PSTATE.EL, nRW and SP stay as they were: the PE stays at EL2 (EL2h, SP_EL2) (ARM J1.3 IllegalExceptionReturn)`,
      `PC = ELR_EL2 = ${hex64(elr)}; N, Z, C, V and D, A, I, F are restored from SPSR_EL2 = ${hex64(BigInt(spsr >>> 0))}`,
      `the instruction at ${hex64(elr)} — the target's code, now at EL2 — takes an Illegal Execution state exception (ESR_EL2.EC = 0x0E) to VBAR_EL2 + 0x200 before it executes (ARM J1.1 AArch64.CheckIllegalState)`,
      `HCR_EL2 as the ERET checked it (before its own synchronization) = ${hex64(hcr)}`,
    ],
  };
}

/** The finding text of a legal ERET into another mode than the target's. */
export function wrongModeText(target: string, spsr: number, intended: number, elr: bigint): { message: string; details: string[] } {
  const got = modeName(spsr);
  const want = modeName(intended);
  const gotEl = (spsr >> 2) & 3;
  const wantEl = (intended >> 2) & 3;
  const details = [`SPSR_EL2 = ${hex64(BigInt(spsr >>> 0))}: M = ${got}; ${target} runs in ${want} (its context-table SPSR_EL2); PSTATE.EL and PSTATE.SP come from SPSR_EL2.M (ARM J1.3 SetPSTATEFromPSR)`];
  if (gotEl > wantEl) details.push(`${target}'s code runs at EL${gotEl}, privileged: it can write the EL${gotEl} system registers (its own TTBR0_EL1, TCR_EL1, SCTLR_EL1 — turning its stage 1 off — and VBAR_EL1) and execute the instructions EL${wantEl} may not`);
  else if (gotEl < wantEl) details.push(`${target}'s code runs at EL${gotEl}: its first access to an EL${wantEl} system register is UNDEFINED, and its exceptions are taken to the EL above as from EL${gotEl}`);
  else details.push(`${target} runs with ${(spsr & 1) !== 0 ? `SP_EL${gotEl}` : 'SP_EL0'} as its stack pointer instead of ${(intended & 1) !== 0 ? `SP_EL${wantEl}` : 'SP_EL0'}`);
  return { message: `the ERET is legal and enters ${got} at ${hex64(elr)}, not ${target}'s ${want}`, details };
}

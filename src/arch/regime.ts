// Field decoding for the translation-control registers, from 32-bit register halves (ARCH-NOTES §4–§6;
// ARM §D24.2.194 TCR_EL1, .195 TCR_EL2, .224 VTCR_EL2, .225 VTTBR_EL2). Every position comes from the
// system-register table's fields (reg-fields.ts); the getters are made once at load.
import type { Profile } from './profiles.ts';
import { highGetter, highMask, lowGetter, lowMask } from './reg-fields.ts';

// --- TCR_EL1 / TCR_EL2 / VTCR_EL2, low word (T0SZ, TG0 and PS/IPS sit at the same bits in the three: checked by
// test/arch/reg-fields.test.ts) ---
export const tcrT0sz = lowGetter('TCR_EL1', 'T0SZ'); // TCR_ELx.T0SZ / VTCR_EL2.T0SZ
export const vtcrSl0 = lowGetter('VTCR_EL2', 'SL0'); // VTCR_EL2.SL0: stage-2 start level
export const TCR_EPD0 = lowMask('TCR_EL1', 'EPD0'); // TCR_EL1.EPD0: no walks through TTBR0_EL1 (Translation fault on a TLB miss)
export const tcrTg0 = lowGetter('TCR_EL1', 'TG0'); // TCR_ELx.TG0: 00 4K, 01 64K, 10 16K
export const tcrT1sz = lowGetter('TCR_EL1', 'T1SZ'); // TCR_EL1.T1SZ
export const tcr2Ps = lowGetter('TCR_EL2', 'PS'); // TCR_EL2.PS / VTCR_EL2.PS
export const TCR2_TBI = lowMask('TCR_EL2', 'TBI'); // TCR_EL2.TBI: top byte ignored (E2H=0 layout)
export const TCR_A1 = lowMask('TCR_EL1', 'A1'); // TCR_EL1.A1: ASID comes from TTBR1_EL1 (else TTBR0_EL1)
export const TCR_EPD1 = lowMask('TCR_EL1', 'EPD1'); // TCR_EL1.EPD1: no walks through TTBR1_EL1
export const tcrTg1 = lowGetter('TCR_EL1', 'TG1'); // TCR_EL1.TG1: 01 16K, 10 4K, 11 64K
export const VTCR_VS = lowMask('VTCR_EL2', 'VS'); // VTCR_EL2.VS: 16-bit VMIDs (FEAT_VMID16 only)
// --- TCR_EL1, high word (bit n of the register is bit n-32 here) ---
export const tcr1Ips = highGetter('TCR_EL1', 'IPS'); // TCR_EL1.IPS
export const TCR1_AS_HI = highMask('TCR_EL1', 'AS'); // TCR_EL1.AS: 16-bit ASIDs (else 8-bit)
export const TCR1_TBI0_HI = highMask('TCR_EL1', 'TBI0'); // TCR_EL1.TBI0
export const TCR1_TBI1_HI = highMask('TCR_EL1', 'TBI1'); // TCR_EL1.TBI1

// --- TTBRn_EL1 / VTTBR_EL2, high word ---
export const ttbrAsid = highGetter('TTBR0_EL1', 'ASID'); // TTBRn_EL1.ASID
const vttbrVmid = highGetter('VTTBR_EL2', 'VMID');

/**
 * The VMID of VTTBR_EL2 (ARM J1.3 VMID[]): all 16 bits of VTTBR_EL2.VMID with FEAT_VMID16 and VTCR_EL2.VS = 1, else
 * bits 55:48 (bits 63:56 are RES0 then and ignored). The one place the VMID is taken from a register value.
 */
export function vmidOf(vttbrHi: number, vtcrLo: number, p: Profile): number {
  const v = vttbrVmid(vttbrHi);
  return p.vmidBits === 16 && (vtcrLo & VTCR_VS) !== 0 ? v : v & 0xff;
}

// --- SCTLR_ELx (SCTLR_EL1 and SCTLR_EL2 share these bits) ---
export const SCTLR_M = lowMask('SCTLR_EL1', 'M'); // SCTLR_ELx.M: stage-1 MMU enable
export const SCTLR_A = lowMask('SCTLR_EL1', 'A'); // SCTLR_ELx.A: alignment check for all data accesses
export const SCTLR_I = lowMask('SCTLR_EL1', 'I'); // SCTLR_ELx.I: instruction cacheability when stage 1 is off
export const SCTLR_WXN = lowMask('SCTLR_EL1', 'WXN'); // SCTLR_ELx.WXN: writable implies execute-never

/** PS/IPS field → address bits (ARM §D24.2.194 IPS: 000 32, 001 36, 010 40, 011 42, 100 44, 101 48, 110 52). */
const PS_BITS = [32, 36, 40, 42, 44, 48, 52, 52] as const;

/** Address bits a PS/IPS encoding selects (before the PARange cap). */
export const psBits = (ps: number): number => PS_BITS[ps & 7]!;

/** Effective output size: the PS/IPS field capped at ID_AA64MMFR0_EL1.PARange, and ≤ 48 without FEAT_LPA. */
export function outputBits(ps: number, p: Profile): number {
  return Math.min(psBits(Math.min(ps, p.paRange)), 48);
}

// TG0: 00 4K, 01 64K, 10 16K; TG1: 01 16K, 10 4K, 11 64K (ARCH-NOTES §6); 0 = reserved
const TG0_BITS = [12, 16, 14, 0] as const;
const TG1_BITS = [0, 14, 12, 16] as const;

/** Granule bits for a TG0 encoding, or for TG1 (its own encoding) when `tg1`; unsupported → IMPDEF substitute. */
export function granuleBits(tg: number, tg1: boolean, p: Profile): number {
  const gb = tg1 ? TG1_BITS[tg]! : TG0_BITS[tg]!;
  if ((gb === 12 && p.granules.k4) || (gb === 14 && p.granules.k16) || (gb === 16 && p.granules.k64)) return gb;
  // Reserved or unimplemented granule: IMPDEF which supported one is used; QEMU (sanitize_gran_size) and we take the
  // smallest supported granule
  return p.granules.k4 ? 12 : p.granules.k16 ? 14 : 16;
}

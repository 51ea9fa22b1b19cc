// Field decoding for the translation-control registers, from 32-bit register halves (ARCH-NOTES §4–§6;
// ARM §D24.2.194 TCR_EL1, .195 TCR_EL2, .224 VTCR_EL2, .225 VTTBR_EL2). One place for every field position.
import type { Profile } from './profiles.ts';

// --- TCR_EL1 / TCR_EL2 / VTCR_EL2, low word ---
export const tcrT0sz = (lo: number): number => lo & 0x3f; // TCR_ELx.T0SZ / VTCR_EL2.T0SZ [5:0]
export const vtcrSl0 = (lo: number): number => (lo >>> 6) & 3; // VTCR_EL2.SL0 [7:6]: stage-2 start level
export const TCR_EPD0 = 1 << 7; // TCR_EL1.EPD0: no walks through TTBR0_EL1 (Translation fault on a TLB miss)
export const tcrTg0 = (lo: number): number => (lo >>> 14) & 3; // TCR_ELx.TG0 [15:14]: 00 4K, 01 64K, 10 16K
export const tcrT1sz = (lo: number): number => (lo >>> 16) & 0x3f; // TCR_EL1.T1SZ [21:16]
export const tcr2Ps = (lo: number): number => (lo >>> 16) & 7; // TCR_EL2.PS / VTCR_EL2.PS [18:16]
export const TCR2_TBI = 1 << 20; // TCR_EL2.TBI [20]: top byte ignored (E2H=0 layout)
export const TCR_A1 = 1 << 22; // TCR_EL1.A1: ASID comes from TTBR1_EL1 (else TTBR0_EL1)
export const TCR_EPD1 = 1 << 23; // TCR_EL1.EPD1: no walks through TTBR1_EL1
export const tcrTg1 = (lo: number): number => lo >>> 30; // TCR_EL1.TG1 [31:30]: 01 16K, 10 4K, 11 64K
// --- TCR_EL1, high word (bit n of the register is bit n-32 here) ---
export const tcr1Ips = (hi: number): number => hi & 7; // TCR_EL1.IPS [34:32]
export const TCR1_AS_HI = 1 << 4; // TCR_EL1.AS [36]: 16-bit ASIDs (else 8-bit)
export const TCR1_TBI0_HI = 1 << 5; // TCR_EL1.TBI0 [37]
export const TCR1_TBI1_HI = 1 << 6; // TCR_EL1.TBI1 [38]

// --- TTBRn_EL1 / VTTBR_EL2, high word ---
export const ttbrAsid = (hi: number): number => hi >>> 16; // TTBRn_EL1.ASID [63:48]
export const vttbrVmid8 = (hi: number): number => (hi >>> 16) & 0xff; // VTTBR_EL2.VMID [55:48] (8-bit VMIDs, VS=0)

// --- HCR_EL2 (low word) and SCTLR_ELx ---
export const HCR_VM = 1 << 0; // HCR_EL2.VM: EL1&0 stage 2 enable
export const HCR_PTW = 1 << 2; // HCR_EL2.PTW: stage-1 walks to stage-2 Device memory take a stage-2 Permission fault
export const HCR_DC = 1 << 12; // HCR_EL2.DC: SCTLR_EL1.M acts as 0, VM acts as 1
export const HCR_TGE = 1 << 27; // HCR_EL2.TGE: SCTLR_EL1.M acts as 0 (E2H=0: stage 2 kept)
export const SCTLR_M = 1 << 0; // SCTLR_ELx.M: stage-1 MMU enable
export const SCTLR_A = 1 << 1; // SCTLR_ELx.A: alignment check for all data accesses
export const SCTLR_I = 1 << 12; // SCTLR_ELx.I: instruction cacheability when stage 1 is off
export const SCTLR_WXN = 1 << 19; // SCTLR_ELx.WXN: writable implies execute-never

/** PS/IPS field → address bits (ARM §D24.2.194 IPS: 000 32, 001 36, 010 40, 011 42, 100 44, 101 48, 110 52). */
const PS_BITS = [32, 36, 40, 42, 44, 48, 52, 52] as const;

/** Effective output size: the PS/IPS field capped at ID_AA64MMFR0_EL1.PARange, and ≤ 48 without FEAT_LPA. */
export function outputBits(ps: number, p: Profile): number {
  return Math.min(PS_BITS[Math.min(ps, p.paRange)]!, 48);
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
export const VTCR_VS = 1 << 19; // VTCR_EL2.VS: 16-bit VMIDs (FEAT_VMID16 only)

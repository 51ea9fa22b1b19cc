// TLB maintenance (TLBI) and address translation (AT) operations, called by the CPU's SYS handler after it has
// checked legality (EL, UNDEFINED cases, HCR_EL2.TTLB traps). Scope and operand formats: ARCH-NOTES §9, §11.
// One PE: the Inner Shareable forms act like the local ones (HCR_EL2.FB's upgrade is then unobservable).
import { HCR } from '../arch/hcr.ts';
import type { SysOpDef } from '../arch/sysops.ts';
import { SR } from '../arch/sysreg-table.ts';
import { asIpa, low48 } from './addr.ts';
import { ATTR_DEVICE_NGNRNE, ATTR_NORMAL_WB, combineAttrs, combineSh, effectiveSh } from './attrs.ts';
import { currentVmid, s1Enabled, s2Enabled, setupS1El10, setupS1El2, setupS2, topByteIgnored } from './params.ts';
import { ACC_READ, ACC_WRITE, FAULT_ADDRESS_SIZE, FAULT_EXTERNAL_WALK, FAULT_PERMISSION, FAULT_TRANSLATION, faultStatusCode, TranslateResult } from './result.ts';
import type { Tlb } from './tlb.ts';
import type { TranslationContext } from './translate.ts';
import { permBit, stage2, walk } from './walk.ts';

/** Context for maintenance: translation inputs plus the EL the instruction executes at. */
export interface MaintenanceContext extends TranslationContext {
  readonly el: number;
}

/** TLBI <op>, Xt (op.tlbi set); Xt as two 32-bit halves. */
export function tlbi(ctx: MaintenanceContext, op: SysOpDef, xtLo: number, xtHi: number): void {
  // "current VMID" = VTTBR_EL2.VMID when the TLBI executes (ARM C5.5.77)
  applyTlbi(ctx.tlb, op, xtLo, xtHi, currentVmid(ctx));
}

/** The invalidation of TLBI <op>, Xt with the VMID it selected when it executed (`--sync architectural` applies it
 * later, when the TLBI completes). */
export function applyTlbi(t: Tlb, op: SysOpDef, xtLo: number, xtHi: number, vmid: number): void {
  const s = op.tlbi!;
  // VA operand: Xt[43:0] = VA[55:12] (VA[55] = Xt[43] picks the range); IPA operand: Xt[35:0] = IPA[47:12].
  // With the 64K granule Xt[3:0] are ignored: entries of ≥ 64 KiB compare only the bits above their size.
  const lo = (xtLo << 12) >>> 0;
  const hi = ((xtLo >>> 20) | ((xtHi & 0xf) << 12)) >>> 0;
  const removed = t.invalidate(s, s.vmid === 'current' ? vmid : -1, s.asid === 'operand' ? xtHi >>> 16 : -1, lo, s.address === 'va' ? hi | (((xtHi >>> 11) & 1) << 23) : hi);
  if (t.trace !== null) t.trace.invalidated(op.name, vmid, removed);
}

/**
 * AT <op>, Xt (op.at set; ARCH-NOTES §11): returns the new PAR_EL1 (64-bit format). Returns null instead when the operation
 * takes an exception: a stage-2 fault on the stage-1 walk of AT S1E0x/S1E1x executed at EL1 goes to EL2, and a
 * synchronous External abort on any walk is a Data Abort, never a PAR_EL1 result (ARM §D24.2 PAR_EL1.FST: "these MMU
 * faults are reported as a Data Abort exception"; QEMU do_ats_write) (the caller then calls Cpu.abort(r, VA,
 * ACC_WRITE, CM|WnR) with the fault left in `r`).
 * AT neither uses nor fills the TLB (permitted: ARM §D8.16).
 */
export function at(ctx: MaintenanceContext, op: SysOpDef, vaLo: number, vaHi: number, r: TranslateResult): bigint | null {
  const a = op.at!;
  const acc = a.access === 'write' ? ACC_WRITE : ACC_READ;
  const el2Regime = a.regime === 'EL2';
  const stage12 = a.stages === 2;
  const permEl = a.el; // whose permissions are checked
  const regimeEl = el2Regime ? 2 : 1;
  const { atS1: p1, atS2: p2, atO1: o1, atO2: o2 } = ctx.scratch;
  r.reset();
  const sr32 = ctx.sr32;
  const s2on = !el2Regime && s2Enabled(sr32, 1);
  if (s2on) setupS2(ctx, p2, null);
  let ipa: number;
  let a1: number;
  let sh1 = 0;
  if (!s1Enabled(sr32, regimeEl)) {
    // stage 1 off: VA[AddrTop:PAMax] must be zero, AddrTop = 55 with TBI (AArch64.TranslateAddressS1Off)
    const top = topByteIgnored(sr32, regimeEl, vaHi) ? vaHi & 0x00ff_ffff : vaHi;
    if (top >>> (ctx.profile.paBits - 32) !== 0) return parFault(r, FAULT_ADDRESS_SIZE, 0);
    ipa = low48(vaLo, vaHi);
    a1 = regimeEl === 1 && (sr32[SR.HCR_EL2 * 2]! & HCR.DC) !== 0 ? ATTR_NORMAL_WB : ATTR_DEVICE_NGNRNE;
  } else {
    const ok = el2Regime ? setupS1El2(ctx, vaLo, vaHi, p1, r) : setupS1El10(ctx, vaLo, vaHi, p1, r);
    if (!ok) return parOf(r);
    p1.walkTlb = null; // AT neither uses nor fills the TLB, its walk cache included
    // TCR_EL1.EPDx: a walk would be needed, so Translation fault, level 0
    if (p1.epd) return parFault(r, FAULT_TRANSLATION, 0);
    p1.s2 = s2on ? p2 : null;
    if (!walk(ctx.mem, p1, vaLo, vaHi, o1, r)) {
      // stage-2 fault on the stage-1 walk of an AT executed at EL1: an exception to EL2, not a PAR result
      if ((r.s1ptw && ctx.el === 1) || r.fault === FAULT_EXTERNAL_WALK) return null;
      return parOf(r);
    }
    if ((o1.perm & permBit(permEl, acc)) === 0) return parFault(r, FAULT_PERMISSION, o1.level);
    ipa = o1.oa;
    a1 = o1.attr;
    sh1 = o1.sh;
  }
  if (!stage12 || !s2on) return parSuccess(ipa, a1, effectiveSh(a1, sh1));
  if (!stage2(ctx.mem, p2, asIpa(ipa), o2, r)) return r.fault === FAULT_EXTERNAL_WALK ? null : parOf(r);
  if ((o2.perm & permBit(permEl, acc)) === 0) {
    r.stage2 = true;
    return parFault(r, FAULT_PERMISSION, o2.level);
  }
  const attr = combineAttrs(a1, o2.attr);
  return parSuccess(o2.oa, attr, effectiveSh(attr, combineSh(sh1, o2.sh)));
}

function parFault(r: TranslateResult, fault: number, level: number): bigint {
  r.fault = fault;
  r.level = level;
  return parOf(r);
}

/** PAR_EL1 fault format: F[0]=1, FST[6:1], PTW[8] (stage-2 fault on the stage-1 walk), S[9] (stage 2), bit 11 RES1. */
function parOf(r: TranslateResult): bigint {
  return BigInt(1 | (faultStatusCode(r) << 1) | (r.s1ptw ? 1 << 8 : 0) | (r.stage2 ? 1 << 9 : 0) | (1 << 11));
}

/** PAR_EL1 success format: F=0, SH[8:7], NS[9]=1 (as QEMU; UNKNOWN for Non-secure), bit 11 RES1, PA[47:12], ATTR[63:56]. */
function parSuccess(pa: number, attr: number, sh: number): bigint {
  const lo = ((pa >>> 0) & 0xfffff000) | (sh << 7) | (1 << 9) | (1 << 11);
  const hi = ((pa / 0x1_0000_0000) & 0xffff) | (attr << 24);
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

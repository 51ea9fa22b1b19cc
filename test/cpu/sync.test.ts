// --sync architectural (src/cpu/sync.ts; ARCH-NOTES §8–§10): pending system-register writes, TLBI completion at DSB,
// speculative TLB fills and Cortex-A57 erratum 1319537, on a Cpu running hand-encoded code at EL2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SR } from '../../src/arch/sysreg-table.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { NO_CHOICES, SeededChoices, type SyncChoices, SyncModel } from '../../src/cpu/sync.ts';
import { KM_STAGE1, REGIME_EL10 } from '../../src/mmu/tlb.ts';
import { AF, AP_RW_ALL, S2_NORMAL_WB, S2AP_RW, Tables, TCR_4K_48 } from '../mmu/tables.ts';
import { CODE, makeCpu } from '../helpers/cpu.ts';

// --- hand encodings (ARM C6.2) ---
/** MOVZ Xd, #imm16, LSL #(16·hw): 1 10 100101 hw imm16 Rd */
const movz = (d: number, imm: number, hw = 0) => (0xd2800000 | (hw << 21) | (imm << 5) | d) >>> 0;
/** MSR <reg>, Xt / MRS Xt, <reg>: 1101010100 L 1 o0 op1 CRn CRm op2 Rt (op0 = 2 + o0; op0 = 3 here) */
const sysreg = (l: number, op1: number, crn: number, crm: number, op2: number, t: number) =>
  (0xd5180000 | (l << 21) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | t) >>> 0;
const MSR_VTTBR = (t: number) => sysreg(0, 4, 2, 1, 0, t); // MSR VTTBR_EL2, Xt: S3_4_C2_C1_0
const MSR_HCR = (t: number) => sysreg(0, 4, 1, 1, 0, t); // MSR HCR_EL2, Xt: S3_4_C1_C1_0
const MRS_HCR = (t: number) => sysreg(1, 4, 1, 1, 0, t); // MRS Xt, HCR_EL2
const MSR_ELR = (t: number) => sysreg(0, 4, 4, 0, 1, t); // MSR ELR_EL2, Xt: S3_4_C4_C0_1
const ISB = 0xd5033fdf; // ISB (CRm = 1111)
const DSB_NSH = 0xd503379f; // DSB NSH (CRm = 0111)
const DSB_ISH = 0xd5033b9f; // DSB ISH (CRm = 1011)
const DSB_ISHST = 0xd5033a9f; // DSB ISHST (CRm = 1010)
const TLBI_VMALLS12E1 = 0xd50c87df; // SYS #4, C8, C7, #6, XZR
const TLBI_VMALLE1IS = 0xd508831f; // SYS #0, C8, C3, #0, XZR
const ERET = 0xd69f03e0;
const NOP = 0xd503201f;
const HVC1 = 0xd4000022; // HVC #1
const B_SELF = 0x14000000; // B .
const SUBS_X0 = 0xf1000400; // SUBS X0, X0, #1
const BNE_BACK = 0x54ffffe1; // B.NE .-4
const LDR_X5_X6 = 0xf94000c5; // LDR X5, [X6]

const VBAR = 0x4009_0000;
const GUEST = 0x4010_0000; // guest code, IPA = PA in both stage 2s
const X_IPA = 0x4020_0000; // the page whose translation goes stale
const PA_A = 0x4040_0000; // A's X: holds 0xAAAA
const PA_B = 0x4060_0000; // B's X: holds 0xBBBB
const VTCR_4K_44 = 20n | (2n << 6n) | (4n << 16n) | (1n << 31n); // T0SZ 20, SL0 2 (level 0), PS 44 bits
const HCR_RW_VM = (1n << 31n) | 1n;

function write(c: Cpu, at: number, words: readonly number[]): void {
  words.forEach((w, i) => c.mem.writeU32(at + 4 * i, w));
}

/** A stage 2 for VMID-1 guests: the guest code page identity-mapped, X_IPA → `x`. */
function stage2(c: Cpu, from: number, x: number): Tables {
  const t = new Tables(c.mem, 12, 0, 44, from);
  t.map(BigInt(GUEST), BigInt(GUEST), 3, AF | S2AP_RW | S2_NORMAL_WB);
  t.map(BigInt(X_IPA), BigInt(x), 3, AF | S2AP_RW | S2_NORMAL_WB);
  return t;
}

type Variant = 'right' | 'no ISB' | 'no TLBI' | 'no DSB';

/**
 * EL2 runs guest A (VMID 1, stage 2 only; a 200-iteration loop that never touches X_IPA), A calls HVC, the
 * hypervisor parks on VMID 0, then switches to guest B, which reuses VMID 1 with another stage 2, and B loads X_IPA.
 * Returns what B read: 0xBBBB is right; 0xAAAA is A's memory through a stale translation.
 */
function switchScenario(variant: Variant, sync: SyncModel | null): bigint {
  // hypervisor: ERET into A, then at the lower-EL synchronous vector the switch to B
  const c = makeCpu([ERET]);
  c.sync = sync;
  c.reset(BigInt(CODE));
  const switchSeq = [
    MSR_VTTBR(31), // MSR VTTBR_EL2, XZR      ; park on VMID 0 (the hypervisor's own)
    ISB,
    NOP, NOP, // …hypervisor work…
    MSR_VTTBR(10), // MSR VTTBR_EL2, X10     ; B: VMID 1 again, B's stage-2 root
    ...(variant === 'no ISB' ? [] : [ISB]),
    ...(variant === 'no TLBI' ? [] : [TLBI_VMALLS12E1]), // flush VMID 1 (the in-context VMID)
    ...(variant === 'no DSB' ? [] : [DSB_NSH]),
    MSR_ELR(11), // MSR ELR_EL2, X11         ; B's entry (SPSR_EL2 = EL1h from A's HVC)
    ERET,
  ];
  write(c, VBAR + 0x400, switchSeq);
  // guest A at GUEST: MOVZ X0, #200; SUBS X0, X0, #1; B.NE .-4; HVC #1.  Guest B at GUEST+0x100: LDR X5, [X6]; B .
  write(c, GUEST, [movz(0, 200), SUBS_X0, BNE_BACK, HVC1]);
  write(c, GUEST + 0x100, [LDR_X5_X6, B_SELF]);
  c.mem.writeU64(PA_A, 0xaaaan);
  c.mem.writeU64(PA_B, 0xbbbbn);
  const a = stage2(c, 0x4100_0000, PA_A);
  const b = stage2(c, 0x4200_0000, PA_B);
  c.sr[SR.VBAR_EL2] = BigInt(VBAR);
  c.sr[SR.VTCR_EL2] = VTCR_4K_44;
  c.sr[SR.VTTBR_EL2] = (1n << 48n) | BigInt(a.root);
  c.sr[SR.HCR_EL2] = HCR_RW_VM;
  c.sr[SR.SCTLR_EL1] = 0n; // stage 1 off: VA = IPA
  c.sr[SR.SPSR_EL2] = 0x3c5n; // EL1h, DAIF masked
  c.sr[SR.ELR_EL2] = BigInt(GUEST);
  c.x[10] = (1n << 48n) | BigInt(b.root);
  c.x[11] = BigInt(GUEST + 0x100);
  c.x[6] = BigInt(X_IPA);
  c.run(1 + 3 * 200 + 20);
  assert.equal(c.el, 1, 'B is running');
  assert.equal(c.x[PC], BigInt(GUEST + 0x104), 'B reached its loop');
  return c.x[5]!;
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const speculative = (seed: number) => new SyncModel({ choices: new SeededChoices(seed) });

test('a stale translation survives a switch under --sync architectural --speculate when the switch forgets its TLBI or its ISB (or its DSB)', () => {
  for (const variant of ['no ISB', 'no TLBI', 'no DSB'] as const) {
    const seen = SEEDS.map((s) => switchScenario(variant, speculative(s)));
    assert.ok(seen.includes(0xaaaan), `${variant}: some seed lets B read A's memory (got ${seen.map((v) => v.toString(16))})`);
  }
});

test('…and does not survive when the sequence is right (MSR VTTBR; ISB; TLBI VMALLS12E1; DSB NSH; ERET)', () => {
  for (const s of SEEDS) assert.equal(switchScenario('right', speculative(s)), 0xbbbbn, `seed ${s}`);
});

test('without speculation the bugs stay hidden: A never touched X, so there is no entry to go stale', () => {
  for (const variant of ['right', 'no ISB', 'no TLBI', 'no DSB'] as const) {
    assert.equal(switchScenario(variant, null), 0xbbbbn, `immediate, ${variant}`);
    assert.equal(switchScenario(variant, new SyncModel()), 0xbbbbn, `architectural without --speculate, ${variant}`);
  }
});

test('MRS sees a pending write at once; ERET checks legality with the HCR_EL2 from before it (ARCH-NOTES §10)', () => {
  // MOVZ X1, #0x8800, LSL #16 (HCR_EL2 = RW | TGE); MSR HCR_EL2, X1; MRS X2, HCR_EL2; ERET (no ISB) → EL1 at CODE+0x40
  const prog = [movz(1, 0x8800, 1), MSR_HCR(1), MRS_HCR(2), ERET];
  for (const arch of [false, true]) {
    const c = makeCpu(prog);
    c.sync = arch ? new SyncModel() : null;
    c.sr[SR.HCR_EL2] = 1n << 31n; // RW
    c.sr[SR.SPSR_EL2] = 0x3c5n; // EL1h
    c.sr[SR.ELR_EL2] = BigInt(CODE + 0x40);
    c.run(4);
    assert.equal(c.x[2], 0x8800_0000n, 'MRS reads the value just written');
    if (arch) {
      // the ERET saw TGE = 0: a legal return to EL1; its synchronization then made TGE = 1 take effect
      assert.equal(c.el, 1);
      assert.equal(c.il, 0);
      assert.equal(c.sr[SR.HCR_EL2], 0x8800_0000n);
    } else {
      // immediate: TGE = 1 already, so the return to EL1 is illegal (PSTATE.IL = 1, still at EL2)
      assert.equal(c.el, 2);
      assert.equal(c.il, 1);
    }
  }
});

test('a TLBI completes only at a DSB of sufficient domain: *IS needs ISH, and DSB ISHST is not enough', () => {
  const c = makeCpu([TLBI_VMALLE1IS, DSB_NSH, DSB_ISHST, DSB_ISH]);
  const sync = new SyncModel();
  c.sync = sync;
  c.run(1);
  assert.equal(sync.outstandingTlbis, 1);
  // what it selected when it executed: VMID 0 (VTTBR_EL2 reset), at its own address
  assert.deepEqual(sync.outstanding(), [{ op: 'VMALLE1IS', vmid: 0, pc: CODE, completedByDsb: false }]);
  c.run(1); // DSB NSH: local operations only
  assert.equal(sync.outstandingTlbis, 1);
  c.run(1); // DSB ISHST: stores only
  assert.equal(sync.outstandingTlbis, 1);
  c.run(1);
  assert.equal(sync.outstandingTlbis, 0);
});

test('a choice completes one TLBI early by its index in outstanding(); the others stay until a DSB', () => {
  // TLBI VMALLE1IS; TLBI VMALLS12E1; NOP: before the NOP only the second is completed early
  const c = makeCpu([TLBI_VMALLE1IS, TLBI_VMALLS12E1, NOP]);
  const asked: string[] = [];
  const sync = new SyncModel({ choices: { ...NO_CHOICES, tlbiCompleted: (op, k) => (asked.push(`${op}@${k}`), c.u32[PC * 2] === CODE + 8 && k === 1) } });
  c.sync = sync;
  c.run(3);
  assert.deepEqual(asked, ['VMALLE1IS@0', 'VMALLE1IS@0', 'VMALLS12E1@1']);
  assert.deepEqual(sync.outstanding(), [{ op: 'VMALLE1IS', vmid: 0, pc: CODE, completedByDsb: false }]);
});

test('translateEarly: a TLBI a DSB completes takes effect at the next context synchronization event (ARM §D8.17.8 R YNJCP)', () => {
  const c = makeCpu([TLBI_VMALLE1IS, DSB_ISH, NOP, ISB]);
  const sync = new SyncModel({ translateEarly: true });
  c.sync = sync;
  c.run(2);
  // complete, but later accesses before an ISB may have been translated before the DSB
  assert.deepEqual(sync.outstanding(), [{ op: 'VMALLE1IS', vmid: 0, pc: CODE, completedByDsb: true }]);
  c.run(1);
  assert.equal(sync.outstandingTlbis, 1);
  c.run(1);
  assert.equal(sync.outstandingTlbis, 0);
});

/** Scripted choices: fill speculatively at every step, take every pending value in erratum walks. */
const always: SyncChoices = { ...NO_CHOICES, speculativeFill: () => true, mixNew: () => true };

test('erratum 1319537: at EL2 a speculative EL1&0 walk may tag the old stage 1 with the pending VMID', () => {
  for (const errata of [false, true]) {
    // at EL2: MOVZ X10, #5, LSL #48; MSR VTTBR_EL2, X10 (pending: no ISB); NOP; NOP
    const c = makeCpu([movz(10, 5, 3), MSR_VTTBR(10), NOP, NOP]);
    c.sync = new SyncModel({ choices: always, errata });
    // in context: the host's EL1&0 stage 1 (VA 0x1000 → 0x4030_0000, ASID 0), VMID 0, stage 2 off
    const t = new Tables(c.mem, 12, 0, 48, 0x4100_0000);
    t.map(0x1000n, 0x4030_0000n, 3, AF | AP_RW_ALL);
    c.sr[SR.TCR_EL1] = TCR_4K_48;
    c.sr[SR.TTBR0_EL1] = BigInt(t.root);
    c.sr[SR.SCTLR_EL1] = 1n;
    c.sr[SR.HCR_EL2] = 1n << 31n;
    c.run(4);
    assert.equal(c.sync.pending, 1, 'the VTTBR_EL2 write is still pending');
    const stale = c.tlb.lookup(REGIME_EL10, 5, 0, KM_STAGE1, 0x1000, 0) >= 0;
    assert.equal(stale, errata, errata ? 'the host mapping is cached under the guest VMID' : 'EL1&0 is out of context at EL2');
  }
});

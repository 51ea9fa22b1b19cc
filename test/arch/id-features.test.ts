// Nothing advertised that is not executed, nothing executed that is not advertised (issue 13): every feature field of
// ID_AA64PFR0/1, ID_AA64ISAR0/1, ID_AA64MMFR0/1/2, ID_AA64DFR0 and ID_AA64ZFR0 — read through MRS on the model, at
// the positions of the system-register table — is held against what the CPU does: each probe of id-features.ts
// must work when the field says the feature is there and must not (UNDEFINED, RES0/RES1 bit, illegal return) when
// it says it is not. A profile that claims features the model lacks fails the same check (the last test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORTEX_A57, PROFILES, type Profile } from '../../src/arch/profiles.ts';
import { fieldOf, field, type FieldName } from '../../src/arch/reg-fields.ts';
import { SR, SYSREGS, type SysRegName } from '../../src/arch/sysreg-table.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { CODE, RAM_BASE } from '../helpers/cpu.ts';
import { ERET, mrs, msr, type SysEnc } from '../isolation/encode.ts';
import { CLAIMS, ID_REGISTERS, type Probe } from './id-features.ts';

const VBAR = 0x4000_0000n;
const DATA = 0x4010_0000n; // every X register points here, so a probe's load or store reaches RAM
const NOT_TAKEN = 0xdead_0000n;

/** A CPU of profile `p` at EL2h (reset), `words` at CODE, X0–X30 = DATA. */
function cpuWith(p: Profile, words: readonly number[]): Cpu {
  const mem = new PhysMemory(RAM_BASE, 64 * 1024 * 1024);
  words.forEach((w, i) => mem.writeU32(CODE + 4 * i, w >>> 0));
  const c = new Cpu(p, mem);
  c.reset(BigInt(CODE));
  c.sr[SR.VBAR_EL2] = VBAR;
  c.sr[SR.ESR_EL2] = NOT_TAKEN;
  for (let r = 0; r < 31; r++) c.x[r] = DATA;
  return c;
}

/** The first of the words that took an exception, or -1: ESR_EL2 says what it was. */
function run(c: Cpu, n: number): number {
  for (let i = 0; i < n; i++) {
    c.run(1);
    if (c.sr[SR.ESR_EL2] !== NOT_TAKEN) return i;
  }
  return -1;
}

/** UNDEFINED: EC 0x00 to EL2 with ELR at the word (ARM §D24.2.46 EC 0b000000, "Unknown reason"). */
const isUndefined = (c: Cpu, at: number): boolean =>
  c.sr[SR.ESR_EL2]! >> 26n === 0n && c.sr[SR.ELR_EL2] === BigInt(CODE + 4 * at) && c.x[PC] === VBAR + 0x200n;

/** Does `word` execute (any outcome but UNDEFINED) at EL2? */
function executes(p: Profile, word: number): boolean {
  const c = cpuWith(p, [word]);
  return run(c, 1) < 0 || !isUndefined(c, 0);
}

function readSysreg(p: Profile, enc: SysEnc): bigint {
  const c = cpuWith(p, [mrs(enc, 0)]);
  assert.equal(run(c, 1), -1, `MRS S${enc.join('_')} took an exception`);
  return c.x[0]!;
}

const encOf = (r: SysRegName): SysEnc => SYSREGS[SR[r]]!.enc as unknown as SysEnc;

/** One probe against the field value `v`: '' when the CPU agrees, else what went wrong. */
function probe(p: Profile, pr: Probe, v: number): string {
  const has = 'has' in pr && pr.has !== undefined ? pr.has(v) : v >= 1;
  const want = has ? 'execute' : 'be UNDEFINED';
  switch (pr.kind) {
    case 'insn':
      return executes(p, pr.word) === has ? '' : `${pr.asm} (0x${pr.word.toString(16)}) should ${want}`;
    case 'sysreg':
      return executes(p, mrs(pr.enc, 0)) === has ? '' : `MRS ${pr.name} should ${want}`;
    case 'hint': {
      const c = cpuWith(p, [pr.word]);
      const before = c.x.slice(0, 31);
      const ok = run(c, 1) < 0 && c.x[PC] === BigInt(CODE + 4) && c.x.slice(0, 31).every((x, i) => x === before[i]);
      return ok ? '' : `${pr.asm} (hint space) should execute as a NOP`;
    }
    case 'ctrl': {
      // write the bit's non-reserved value (MSR), read it back (MRS): it sticks only when the feature is there
      const res = pr.res ?? 0;
      const bit = 1n << BigInt(pr.bit);
      const c = cpuWith(p, [msr(encOf(pr.reg), 0), mrs(encOf(pr.reg), 1)]);
      c.x[0] = res === 1 ? 0n : bit;
      if (run(c, 2) >= 0) return `MSR/MRS ${pr.reg} took an exception`;
      const got = (c.x[1]! & bit) !== 0n ? 1 : 0;
      const expect = has ? 1 - res : res;
      return got === expect ? '' : `${pr.name} reads ${got} after writing ${1 - res}: should ${has ? 'be writable' : `be RES${res}`}`;
    }
    case 'eret': {
      // SPSR_EL2.M = m with DAIF masked; legal returns land at the target EL (J1.3 IllegalExceptionReturn)
      const c = cpuWith(p, [ERET]);
      c.sr[SR.SPSR_EL2] = BigInt(pr.m | 0x3c0);
      c.sr[SR.ELR_EL2] = BigInt(CODE + 0x100);
      run(c, 1);
      const legal = c.il === 0 && c.el === pr.el;
      return legal === has ? '' : `ERET to M = 0b${pr.m.toString(2)} should ${has ? 'be legal' : 'be an illegal exception return'}`;
    }
    case 'count': {
      // registers 0..v exist, v + 1 does not (ARM §D24.3 DBGBVR<n>_EL1: "n > BRPs: UNDEFINED")
      for (let n = 0; n <= v; n++) if (!executes(p, mrs(pr.enc(n), 0))) return `MRS ${pr.name.replace('<n>', String(n))} should execute`;
      return v + 1 > 15 || !executes(p, mrs(pr.enc(v + 1), 0)) ? '' : `MRS ${pr.name.replace('<n>', String(v + 1))} should be UNDEFINED`;
    }
    case 'profile':
      return pr.fits(v, p) ? '' : `the profile's ${pr.what} disagree with the field`;
    case 'run': {
      const c = cpuWith(p, pr.words);
      pr.setup(c);
      if (run(c, pr.words.length) >= 0) return `${pr.what}: took an exception`;
      return pr.holds(c) === has ? '' : `${pr.what}: should ${has ? 'hold' : 'not hold'}`;
    }
  }
}

/** Every mismatch between `p`'s ID registers (as MRS reads them) and what its CPU does. */
function mismatches(p: Profile): string[] {
  const out: string[] = [];
  for (const reg of ID_REGISTERS) {
    const value = readSysreg(p, encOf(reg));
    for (const f of SYSREGS[SR[reg]]!.fields) {
      const claim = CLAIMS[`${reg}.${f.name}`];
      if (claim === undefined) {
        out.push(`${reg}.${f.name}: no entry in id-features.ts`);
        continue;
      }
      const v = Number(fieldOf(field(reg, f.name as FieldName<typeof reg>), value));
      for (const pr of claim.probes) {
        const why = probe(p, pr, v);
        if (why !== '') out.push(`${reg}.${f.name} = ${v} (${claim.feature}): ${why}`);
      }
    }
  }
  return out;
}

test('every field of the ID_AA64 registers in the table has an entry, and every entry names a table field', () => {
  const fields = new Set(ID_REGISTERS.flatMap((r) => SYSREGS[SR[r]]!.fields.map((f) => `${r}.${f.name}`)));
  for (const k of Object.keys(CLAIMS)) assert.ok(fields.has(k), `${k} is not a field of the system-register table`);
  for (const k of fields) assert.ok(CLAIMS[k] !== undefined, `${k} has no entry in id-features.ts`);
  for (const [k, c] of Object.entries(CLAIMS)) assert.ok(c.probes.length > 0 || (c.why ?? '') !== '', `${k}: a probe, or why none exists`);
  // the fields tile no bit twice, and the table covers each register's allocated fields (at least 5 per register)
  for (const r of ID_REGISTERS) {
    let seen = 0n;
    for (const f of SYSREGS[SR[r]]!.fields) {
      const m = field(r, f.name as FieldName<typeof r>).mask64;
      assert.equal(seen & m, 0n, `${r}.${f.name} overlaps`);
      seen |= m;
    }
    assert.ok(SYSREGS[SR[r]]!.fields.length >= 5, r);
  }
});

for (const p of Object.values(PROFILES)) {
  test(`${p.name}: every ID_AA64 feature field agrees with what the CPU executes`, () => {
    assert.deepEqual(mismatches(p), []);
  });

  test(`${p.name}: the AArch32 ID registers claim nothing (all read 0 while no EL can be AArch32)`, () => {
    const aa32 = SYSREGS.filter((r) => r.doc.startsWith('AArch32 ') && r.kind === 'const');
    assert.equal(aa32.length, 17);
    for (const r of aa32) assert.equal(readSysreg(p, r.enc as unknown as SysEnc), 0n, r.name);
  });
}

test('the check fails for a profile that advertises what the model does not execute', () => {
  const set = (v: bigint, reg: SysRegName, name: string, x: bigint): bigint => {
    const f = field(reg, name as never);
    return (v & ~f.mask64) | (x << BigInt(f.lo));
  };
  const liar: Profile = {
    ...CORTEX_A57,
    id: {
      ...CORTEX_A57.id,
      aa64isar0: set(set(CORTEX_A57.id.aa64isar0, 'ID_AA64ISAR0_EL1', 'Atomic', 2n), 'ID_AA64ISAR0_EL1', 'SHA2', 2n),
      aa64mmfr1: set(CORTEX_A57.id.aa64mmfr1, 'ID_AA64MMFR1_EL1', 'PAN', 1n),
      aa64dfr0: set(CORTEX_A57.id.aa64dfr0, 'ID_AA64DFR0_EL1', 'BRPs', 7n),
    },
  };
  assert.deepEqual(mismatches(liar), [
    'ID_AA64ISAR0_EL1.SHA2 = 2 (FEAT_SHA256 (2: FEAT_SHA512)): sha512h q0, q1, v2.2d (0xce628020) should execute',
    'ID_AA64ISAR0_EL1.Atomic = 2 (FEAT_LSE): ldadd x0, x1, [x2] (0xf8200041) should execute',
    'ID_AA64ISAR0_EL1.Atomic = 2 (FEAT_LSE): cas x0, x1, [x2] (0xc8a07c41) should execute',
    'ID_AA64MMFR1_EL1.PAN = 1 (FEAT_PAN): msr pan, #1 (0xd500419f) should execute',
    'ID_AA64MMFR1_EL1.PAN = 1 (FEAT_PAN): MRS PAN should execute',
    'ID_AA64DFR0_EL1.BRPs = 7 (breakpoints (BRPs + 1)): MRS DBGBVR6_EL1 should execute',
  ].sort((a, b) => order(a) - order(b)));
});

/** Mismatches come out in the table's register order. */
const order = (s: string): number => ID_REGISTERS.findIndex((r) => s.startsWith(r));

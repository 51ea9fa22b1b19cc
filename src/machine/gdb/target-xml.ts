// The target description the stub serves as target.xml (GDB manual, Appendix G "Target Descriptions";
// "AArch64 Features"): org.gnu.gdb.aarch64.core (x0–x30, sp, pc, cpsr), org.gnu.gdb.aarch64.fpu (v0–v31 as
// GDB's aarch64v union, fpsr, fpcr), and a system-register feature named as QEMU names its own
// (org.qemu.gdb.arm.sys.regs) with every register of the model's system-register table. Register numbers are
// consecutive in this order: they are the numbers of the g/G/p/P packets.
import { SYSREGS } from '../../arch/sysreg-table.ts';

/** One register of the description: its name, width in bits and gdb type. */
export interface TdescReg {
  readonly name: string;
  readonly bits: 32 | 64 | 128;
  readonly type: string;
}

const SYSREG_FEATURE_SKIP = new Set(['FPCR', 'FPSR']); // already in the fpu feature

export const CORE_REGS: readonly TdescReg[] = [
  ...Array.from({ length: 31 }, (_, i): TdescReg => ({ name: `x${i}`, bits: 64, type: 'int' })),
  { name: 'sp', bits: 64, type: 'data_ptr' },
  { name: 'pc', bits: 64, type: 'code_ptr' },
  { name: 'cpsr', bits: 32, type: 'int' },
];
export const FPU_REGS: readonly TdescReg[] = [
  ...Array.from({ length: 32 }, (_, i): TdescReg => ({ name: `v${i}`, bits: 128, type: 'aarch64v' })),
  { name: 'fpsr', bits: 32, type: 'int' },
  { name: 'fpcr', bits: 32, type: 'int' },
];
export const SYS_REGS: readonly TdescReg[] = SYSREGS.filter((r) => !SYSREG_FEATURE_SKIP.has(r.name)).map((r) => ({ name: r.name, bits: 64, type: 'uint64' }));

/** All registers in g-packet order. */
export const TDESC_REGS: readonly TdescReg[] = [...CORE_REGS, ...FPU_REGS, ...SYS_REGS];

// GDB's aarch64v: each 128-bit V register viewed as doubles, singles, halves, bytes and one quadword
const FPU_TYPES = `  <vector id="v2d" type="ieee_double" count="2"/>
  <vector id="v2u" type="uint64" count="2"/>
  <vector id="v2i" type="int64" count="2"/>
  <vector id="v4f" type="ieee_single" count="4"/>
  <vector id="v4u" type="uint32" count="4"/>
  <vector id="v4i" type="int32" count="4"/>
  <vector id="v8f" type="ieee_half" count="8"/>
  <vector id="v8u" type="uint16" count="8"/>
  <vector id="v8i" type="int16" count="8"/>
  <vector id="v16u" type="uint8" count="16"/>
  <vector id="v16i" type="int8" count="16"/>
  <vector id="v1u" type="uint128" count="1"/>
  <vector id="v1i" type="int128" count="1"/>
  <union id="vnd"><field name="f" type="v2d"/><field name="u" type="v2u"/><field name="s" type="v2i"/></union>
  <union id="vns"><field name="f" type="v4f"/><field name="u" type="v4u"/><field name="s" type="v4i"/></union>
  <union id="vnh"><field name="f" type="v8f"/><field name="u" type="v8u"/><field name="s" type="v8i"/></union>
  <union id="vnb"><field name="u" type="v16u"/><field name="s" type="v16i"/></union>
  <union id="vnq"><field name="u" type="v1u"/><field name="s" type="v1i"/></union>
  <union id="aarch64v"><field name="d" type="vnd"/><field name="s" type="vns"/><field name="h" type="vnh"/><field name="b" type="vnb"/><field name="q" type="vnq"/></union>
`;

function feature(name: string, regs: readonly TdescReg[], first: number, types = ''): string {
  const lines = regs.map((r, i) => `  <reg name="${r.name}" bitsize="${r.bits}" type="${r.type}" regnum="${first + i}"/>`);
  return `<feature name="${name}">\n${types}${lines.join('\n')}\n</feature>\n`;
}

/** target.xml: the whole description as one XML text. */
export function targetXml(): string {
  const fpu = CORE_REGS.length;
  const sys = fpu + FPU_REGS.length;
  return (
    '<?xml version="1.0"?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n<target version="1.0">\n<architecture>aarch64</architecture>\n' +
    feature('org.gnu.gdb.aarch64.core', CORE_REGS, 0) +
    feature('org.gnu.gdb.aarch64.fpu', FPU_REGS, fpu, FPU_TYPES) +
    feature('org.qemu.gdb.arm.sys.regs', SYS_REGS, sys) +
    '</target>\n'
  );
}

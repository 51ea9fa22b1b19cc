// Memory attributes in MAIR format (one byte: outer nibble [7:4], inner nibble [3:0]; 0b0000dd00 = Device),
// the stage-2 MemAttr conversion and the stage 1 + stage 2 combination (ARM §D8.6; J1.1 S2CombineS1MemAttrs;
// QEMU ptw combined_attrs_nofwb). HCR_EL2.FWB does not exist on v8.0.

export const ATTR_DEVICE_NGNRNE = 0x00; // stage 1 off, data access (ARM J1.1 AArch64.S1DisabledOutput)
export const ATTR_NORMAL_WB = 0xff; // Normal Inner/Outer Write-Back RA/WA (HCR_EL2.DC=1 default)
export const ATTR_NORMAL_NC = 0x44; // Normal Non-cacheable (instruction fetch, stage 1 off, SCTLR.I=0)
export const ATTR_NORMAL_WT = 0xaa; // Normal Write-Through RA (instruction fetch, stage 1 off, SCTLR.I=1)

/** MAIR attribute 0b0000xxxx encodes Device memory (ARM §D24.2 MAIR_ELx.Attr<n>[7:4] = 0000). */
export function isDevice(attr: number): boolean {
  return (attr & 0xf0) === 0;
}

/** Stage-2 MemAttr[3:0] → MAIR format: [3:2]=00 Device (type in [1:0]); else outer [3:2], inner [1:0] as 01 NC, 10 WT, 11 WB. */
export function s2MemAttrToMair(m: number): number {
  if ((m & 0xc) === 0) return (m & 3) << 2; // Device-nGnRnE/nGnRE/nGRE/GRE
  return (s2Nibble(m >>> 2) << 4) | s2Nibble(m & 3);
}

function s2Nibble(x: number): number {
  // 01 NC; 10 WT; 11 WB (allocation hints as RW, QEMU convert_stage2_attrs); 00 with a Normal outer is reserved:
  // CONSTRAINED UNPREDICTABLE, we pick Non-cacheable
  return x === 2 ? 0xb : x === 3 ? 0xf : 0x4;
}

/** Combine a stage-1 and a stage-2 attribute (MAIR format): the stronger memory type wins. */
export function combineAttrs(s1: number, s2: number): number {
  const d1 = isDevice(s1);
  const d2 = isDevice(s2);
  // Device beats Normal; between two Device types the more restrictive (lower dd) wins
  if (d1 && d2) return Math.min(s1 & 0x0c, s2 & 0x0c);
  if (d1) return s1 & 0x0c;
  if (d2) return s2 & 0x0c;
  return (combineNibble(s1 >>> 4, s2 >>> 4) << 4) | combineNibble(s1 & 0xf, s2 & 0xf);
}

/** Cacheability: Non-cacheable beats Write-Through beats Write-Back; allocation hints come from stage 1. */
function combineNibble(a: number, b: number): number {
  if (a === 0x4 || b === 0x4) return 0x4;
  const aWt = (a & 0xc) === 0 || (a & 0xc) === 0x8; // 0b00RW / 0b10RW: Write-Through
  if (aWt) return a;
  if ((b & 0xc) === 0x8) return 0x8 | (a & 3); // stage-2 Write-Through, stage-1 hints
  return a;
}

/** PAR_EL1.SH / effective shareability: Device and Normal Non-cacheable report Outer Shareable (0b10). */
export function effectiveSh(attr: number, sh: number): number {
  if (isDevice(attr) || attr === ATTR_NORMAL_NC) return 2;
  return sh;
}

/** The more shareable of two SH fields (00 Non < 11 Inner < 10 Outer). */
export function combineSh(a: number, b: number): number {
  if (a === 2 || b === 2) return 2;
  if (a === 3 || b === 3) return 3;
  return 0;
}

// Intermediate physical and physical addresses: JS numbers (≤ 48 bits, exact), kept apart by the type checker.

/** An intermediate physical address: the output of stage 1 and the input of stage 2. */
export type IPA = number & { readonly __ipa: true };
/** A physical address: the output of the last enabled stage. */
export type PA = number & { readonly __pa: true };

export const asIpa = (n: number): IPA => n as IPA;
export const asPa = (n: number): PA => n as PA;
/** Stage 2 disabled: the IPA is the PA (ARM J1.1 AArch64.FullTranslate). */
export const ipaIsPa = (ipa: IPA): PA => ipa as number as PA;

/** 2^n for n in 0..63, as exact doubles (shifts past 31 bits without BigInt). */
export const POW2: Float64Array = Float64Array.from({ length: 64 }, (_, n) => 2 ** n);

/** Bits [47:0] of a VA or IPA given as halves, as a number. */
export function low48(lo: number, hi: number): number {
  return (hi & 0xffff) * 0x1_0000_0000 + (lo >>> 0);
}

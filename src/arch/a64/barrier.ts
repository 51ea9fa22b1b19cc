// The <option> of DMB and DSB, held in CRm (ARM C6.2 DMB, DSB: "<option>"): its name by value. Other values have
// no name and are written #imm.
export const BARRIER_OPTION: Readonly<Record<number, string>> = {
  1: 'oshld', 2: 'oshst', 3: 'osh', 5: 'nshld', 6: 'nshst', 7: 'nsh', 9: 'ishld', 10: 'ishst', 11: 'ish', 13: 'ld', 14: 'st', 15: 'sy',
};

// DSB/DMB CRm (ARM C6.2 DSB, pseudocode decode): CRm[3:2] the shareability domain (00 OSH, 01 NSH, 10 ISH, 11 SY),
// CRm[1:0] the access types (01 reads, 10 writes, 11 both); CRm[1:0] = 00 means both types in the full system.
const DOMAIN_NSH = 1;
const TYPES_READS = 1;
const TYPES_WRITES = 2;

/** MBReqDomain_Nonshareable: the barrier's domain is the PE alone (NSH, NSHLD, NSHST). */
export const barrierNonshareable = (crm: number): boolean => (crm & 3) !== 0 && crm >>> 2 === DOMAIN_NSH;

/** MBReqTypes_All: it orders loads and stores (a DSB …LD or …ST does not complete TLB maintenance, ARCH-NOTES §9). */
export const barrierAllTypes = (crm: number): boolean => (crm & 3) !== TYPES_READS && (crm & 3) !== TYPES_WRITES;

/** It orders stores (MBReqTypes_Writes or _All). */
export const barrierOrdersStores = (crm: number): boolean => (crm & 3) !== TYPES_READS;

/**
 * A DSB with this CRm completes a TLBI of this shareability (ARM D8.13 "TLB maintenance completion"): all access
 * types, and a domain that reaches the operation's — NSH completes only the local forms, the *IS (broadcast) ones need
 * ISH, OSH or SY. `upgraded`: HCR_EL2.BSU made an EL0/EL1 barrier at least Inner Shareable.
 */
export function dsbCompletesTlbi(crm: number, shareability: 'inner' | 'local', upgraded = false): boolean {
  if (!barrierAllTypes(crm)) return false;
  return shareability === 'local' || upgraded || !barrierNonshareable(crm);
}

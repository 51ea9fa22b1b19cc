// The <option> of DMB and DSB, held in CRm (ARM C6.2 DMB, DSB: "<option>"): its name by value. Other values have
// no name and are written #imm.
export const BARRIER_OPTION: Readonly<Record<number, string>> = {
  1: 'oshld', 2: 'oshst', 3: 'osh', 5: 'nshld', 6: 'nshst', 7: 'nsh', 9: 'ishld', 10: 'ishst', 11: 'ish', 13: 'ld', 14: 'st', 15: 'sy',
};

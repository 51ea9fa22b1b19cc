// Reference verdicts for isla's single-thread system litmus tests (scripts/litmus-isla.ts, issue 16), for an ARMv8.0
// PE (no FEAT_ETS, no FEAT_HAFDBS). The test repository holds none (docs/litmus-agreement.md) and isla's published
// answers (the ESOP 2022 paper's pages) are for models with FEAT_ETS and were not reachable from this machine, so
// each verdict below is derived by hand from the Arm ARM (DDI 0487) rules ARCH-NOTES §9–§10 quote, test by test, from
// the test's text — never from twostage's explorer. "Allowed": some execution ends with the final assertion true;
// "Forbidden": none does; "Required": every one does (a `forall` test). A test enters this table only with its reason.
import type { LitmusVerdict } from '../src/check/litmus-run.ts';

export interface IslaReference {
  readonly verdict: LitmusVerdict;
  /** Why, naming the rules: the derivation a reader can check against the test's text. */
  readonly why: string;
  /** A known disagreement: what twostage's model lacks that the verdict needs (docs/litmus-agreement.md). The script
   *  reports the test as a known disagreement, and fails when it agrees (the gap closed: drop this) or when a test
   *  without one disagrees. */
  readonly modelGap?: string;
}

/** Keyed by the test's path under tests/ at the pinned commit, without `.litmus.toml`. */
export const ISLA_REFERENCE: Readonly<Record<string, IslaReference>> = {
  'pgtable/HAND/W': {
    verdict: 'Allowed',
    why: 'one store and the assertion `true`: every execution satisfies it, and the test asks `exists` (isla\'s default)',
  },
  'pgtable/HAND/CoTfWinv+po': {
    verdict: 'Forbidden',
    why: 'X0 keeps its reset 1 only if the load faults; x is valid until the handler writes invalid, and the handler runs ' +
      'only after that fault: a walk cannot read a store that program order and the exception put after it ' +
      '(B2.3 internal visibility: no read sees a later write of its own PE)',
  },
  'pgtable/HAND/CoWinvRpte+po': {
    verdict: 'Forbidden',
    why: 'a store of 0 to the entry, then a plain load of the same entry by the same PE: the load reads that store or a ' +
      'coherence-later one (B2.3 CoRW); none writes a non-zero value, and a faulting access leaves X2 at its reset 0',
  },
  'pgtable/HAND/CoWinvT.EL1+dsb-tlbi-dsb-isb': {
    verdict: 'Forbidden',
    why: 'break-before-make\'s first half: the DSB makes the invalid entry visible to walks before the TLBI (ARCH-NOTES ' +
      '§10), the TLBI VAE1 of x removes any cached copy, the DSB completes it and the ISB orders the load\'s ' +
      'translation after it (D8.17.8 R PSMWS, R YNJCP); a walk reads invalid and a faulting entry is never cached ' +
      '(D8.16 R XCLRD): the load faults and the handler sets X2 = 1',
  },
  'pgtable/HAND/CoWinvT.EL1+dsb-tlbiis-dsb-isb': {
    verdict: 'Forbidden',
    why: 'as dsb-tlbi-dsb-isb with the Inner Shareable TLBI, which also acts on the issuing PE (C5.5 TLBI VAE1IS)',
  },
  'pgtable/HAND/CoWinvT.EL1+dsb-badtlbi-dsb-isb': {
    verdict: 'Allowed',
    why: 'the TLBI names page y, not x: an entry for x cached while it was valid (any time, even speculatively: D8.16 ' +
      'R SQBCS) survives, and the load may use it and read pa1 (0)',
  },
  'pgtable/HAND/CoWinvT.EL1+dsb-tlbi-dsb': {
    verdict: 'Allowed',
    why: 'no ISB after the DSB: the TLBI is complete, but its effect on the PE\'s later translations is guaranteed only ' +
      'after a context synchronization event (D8.17.8 R PSMWS, R YNJCP); the load may have been translated with the ' +
      'old entry before it',
  },
  'pgtable/HAND/CoWinvT.EL1+dsb-tlbiis-dsb': {
    verdict: 'Allowed',
    why: 'as dsb-tlbi-dsb with the Inner Shareable TLBI: no ISB, the load may use the old translation',
  },
  'pgtable/HAND/CoWinvT.EL1+tlbi-dsb-isb': {
    verdict: 'Allowed',
    why: 'no DSB between the store and the TLBI: the store need not be visible to walks when the TLBI executes (ARCH-NOTES ' +
      '§10: STR; DSB; TLBI; DSB; ISB), so a walk after the TLBI may still read the valid entry and cache it (D8.16 ' +
      'R SQBCS); the final DSB and ISB do not remove that later fill, and the load may use it',
  },
  'pgtable/HAND/CoTW1.inv': {
    verdict: 'Forbidden',
    why: 'X0 = 1 needs the load to succeed through x, invalid until the store after it in program order makes it valid: ' +
      'a walk never reads a later store of its own PE (B2.3 internal visibility); a fault gives X0 = 0',
  },
  'pgtable/HAND/CoTWinv': {
    verdict: 'Forbidden',
    why: 'X0 = 1 needs the load to fault, but x is valid until the store after it in program order: a walk never reads a ' +
      'later store of its own PE (B2.3)',
  },
  'pgtable/HAND/CoWR.alias': {
    verdict: 'Forbidden',
    why: 'x and y map the same page: the load through y comes after the store of 1 through x to the same physical ' +
      'location and must read it or a coherence-later write (B2.3 CoWR); 0 is the overwritten initial value',
  },
  'pgtable/HAND/CoWR.inv': {
    verdict: 'Forbidden',
    why: 'a plain store of a valid descriptor to x\'s entry, then a plain load of that entry: the load reads the store ' +
      '(B2.3 CoWR), never the initial invalid 0',
  },
  'pgtable/HAND/CoWTf.inv+po': {
    verdict: 'Allowed',
    why: 'invalid → valid with nothing after the store: a walk sees the new entry only after a DSB completes the store, ' +
      'and the load after an ISB (ARCH-NOTES §10; D8.17 I WZCBG), so the load may still fault (X2 = 0)',
  },
  'pgtable/HAND/CoWTf.inv+dmb': {
    verdict: 'Allowed',
    why: 'a DMB orders memory accesses, not translation table walks: the store need not be visible to the load\'s walk ' +
      '(ARCH-NOTES §10: only a DSB completes it for walks), so the load may fault',
  },
  'pgtable/HAND/CoWTf.inv+dsb': {
    verdict: 'Allowed',
    why: 'the DSB completes the store for walks, but without an ISB the load may have been translated before it ' +
      '(D8.17 I WZCBG: the ISB for what the PE has already translated), so it may fault',
  },
  'pgtable/HAND/CoWTf.inv+dsb-isb': {
    verdict: 'Forbidden',
    why: 'the DSB completes the store for walks and the ISB orders the load\'s translation after it; the old invalid ' +
      'entry cannot be in the TLB (faulting entries are never cached, D8.16 R XCLRD): the load succeeds, X2 = 1',
  },
  'pgtable/HAND/CoWTf.inv+rfi-addr': {
    verdict: 'Allowed',
    why: 'the load of the entry may read the PE\'s own store before it is visible to other observers (forwarding), ' +
      'and the walk of the load through x need not see it (no DSB: ARCH-NOTES §10): X2 = the new descriptor and a fault',
  },
  'pgtable/HAND/CoWTf.inv+rfi-ctrl-isb': {
    verdict: 'Allowed',
    why: 'the control dependency and ISB order the second load\'s translation after the first load, which may have ' +
      'read the store by forwarding; no DSB completes the store for walks (ARCH-NOTES §10), so the walk may read invalid',
  },
  'pgtable/HAND/CoWinvT+po': {
    verdict: 'Allowed',
    why: 'valid → invalid with no TLBI: an entry for x cached while valid (D8.16 R SQBCS) may serve the load (X2 = pa1\'s 0)',
  },
  'pgtable/HAND/CoWinvT+dsb-isb': {
    verdict: 'Allowed',
    why: 'as CoWinvT+po: the DSB and ISB do not remove a cached entry, only a TLBI does (break-before-make, D8.17.1 ' +
      'R RDDMVT: write invalid, DSB, TLBI, DSB)',
  },
  'pgtable/HAND/CoWinvTp.ro+dsb-isb': {
    verdict: 'Allowed',
    why: 'x read-only → invalid with no TLBI: the store may use the cached read-only entry (D8.16 R SQBCS) and take a ' +
      'permission fault rather than the translation fault of the new entry (X13 = 1)',
  },
  'pgtable/HAND/EntryMerging.RO0.RWn0': {
    verdict: 'Forbidden',
    why: 'the EL0 store faults under either entry (read-only; EL1-only): X5 = 0 needs the old entry\'s EL0 access ' +
      'merged with the new one\'s write permission; a change of permissions alone needs no break-before-make (D8.17.1 ' +
      'R RDDMVT lists what does), and the PE then uses the old or the new translation, never a mix of the two',
  },
  'pgtable/HAND/EntryMerging.RWn0.RO0': {
    verdict: 'Forbidden',
    why: 'as EntryMerging.RO0.RWn0 the other way round: EL1-only, then read-only: the EL0 store faults under either',
  },
  'pgtable/HAND/Load': {
    verdict: 'Allowed',
    why: 'x is valid and never changes: the load reads pa1\'s 1 in every execution (asked as `exists`)',
  },
  'pgtable/HAND/Load.inv': {
    verdict: 'Allowed',
    why: 'x is invalid and never written: the load faults and X0 keeps 0 in every execution (asked as `exists`)',
  },
  'pgtable/HAND/CoWTf.inv+poloc-ctrl-isb': {
    verdict: 'Allowed',
    why: 'as CoWTf.inv+rfi-ctrl-isb, the entry read back through the same register: the control dependency and ISB do ' +
      'not complete the store for walks (only a DSB does, ARCH-NOTES §10), so the load through x may fault (X2 = 0)',
  },
  // stage 2: P0 at EL2 writes a stage-2 entry of isla's default stage-2 tree, then ERETs to EL1 and loads through x
  'pgtable/HAND/CoWTf.inv.EL2+po': {
    verdict: 'Allowed',
    why: 'stage-2 entry invalid → valid and an ERET with no DSB between: the ERET synchronizes context, but the store ' +
      'need not be visible to walks without a DSB (ARCH-NOTES §10), so the load may take a stage-2 fault (X2 = 0)',
  },
  'pgtable/HAND/CoWTf.inv.EL2+dsb-tlbiipa-dsb-tlbiis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'stage-2 invalid → valid, completed for walks by the DSB; the ERET is a context synchronization event ' +
      '(ARM §D24.1.2.2) and a faulting entry is never cached (D8.16 R XCLRD): the load succeeds (X2 = 1); the TLBIs ' +
      '(one naming x\'s VA page as an IPA) change nothing',
  },
  'pgtable/HAND/CoWTv2.2.inv+dsb-tlbivmidis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'as CoWTf.inv.EL2+dsb-tlbiipa-dsb-tlbiis-dsb-eret with TLBI VMALLS12E1IS: invalid → valid, DSB, ERET: no fault',
  },
  'pgtable/HAND/CoWinvT2+dsb-tlbiipa-dsb-eret': {
    verdict: 'Forbidden',
    why: 'stage-2 entry invalid → valid (despite the name), DSB, ERET: no fault, X2 = 1',
  },
  'pgtable/HAND/CoWinvT2+dsb-tlbiipa-dsb-tlbivmall-dsb-eret': {
    verdict: 'Forbidden',
    why: 'stage-2 entry valid → invalid with the sequence the architecture requires for stage 2: DSB, TLBI IPAS2E1 of ' +
      'the IPA (stage-2-only entries), DSB, TLBI VMALLE1 (combined entries of the VMID), DSB, and the ERET as context ' +
      'synchronization (ARCH-NOTES §9, ARM §D8.17.6.1): no entry survives, the walk reads invalid, X2 = 1',
  },
  'pgtable/HAND/CoWinvTv1.2+dsb-tlbivmidis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'stage-2 entry valid → invalid, DSB, TLBI VMALLS12E1IS (every stage-1, stage-2 and combined entry of the ' +
      'current VMID), DSB, ERET: no entry survives, the load takes a stage-2 fault (X2 = 1)',
  },
  'pgtable/HAND/WDS+dsb-tlbiipa-dsb-eret-po': {
    verdict: 'Forbidden',
    why: 'the stage-2 entry made valid, DSB, ERET; then the stage-1 entry made valid at EL1 and x loaded with nothing ' +
      'between: the stage-1 walk may read invalid (a stage-1 fault, X4 = 1) or the new entry, but the stage-2 walk ' +
      'reads the completed, synchronized valid entry: never a stage-2 fault (X4 = 2)',
  },
  'pgtable/HAND/WDS+dsb-tlbiipa-dsb-po-eret': {
    verdict: 'Forbidden',
    why: 'as WDS+dsb-tlbiipa-dsb-eret-po with the stage-1 store at EL2 before the ERET (no DSB after it): a stage-1 ' +
      'fault may happen, a stage-2 one may not',
  },
  'pgtable/HAND/WDS+po-dsb-tlbiipa-dsb-eret': {
    verdict: 'Forbidden',
    why: 'both entries made valid, DSB, ERET: both walks read the new entries, no fault at either stage',
  },
  'pgtable/HAND/WDS+po-dsb-tlbiipa-dsb-tlbiis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'as WDS+po-dsb-tlbiipa-dsb-eret with a TLBI VMALLE1IS too: no fault at either stage',
  },
  // P0 at EL1 writes a stage-1 entry, then ERETs to EL0 and loads through x
  'pgtable/HAND/CoWTf.inv.EL1+eret': {
    verdict: 'Allowed',
    why: 'invalid → valid and an ERET with no DSB between: the ERET synchronizes context, but the store need not be ' +
      'visible to walks without a DSB (ARCH-NOTES §10), so the EL0 load may fault (X2 = 0)',
  },
  'pgtable/HAND/CoWTf.inv.EL1+dsb-eret': {
    verdict: 'Forbidden',
    why: 'the DSB completes the store for walks and the ERET is a context synchronization event (ARM §D24.1.2.2), as an ' +
      'ISB would be; the invalid entry was never cached (D8.16 R XCLRD): the EL0 load succeeds',
  },
  // memory in the final assertion
  'pgtable/HAND/CoWW.alias': {
    verdict: 'Forbidden',
    why: 'two stores through aliases of one page, 1 then 2: the final value is the coherence-last write, 2 (B2.3 CoWW)',
  },
  'pgtable/HAND/CoWroW.rw+dsb-isb': {
    verdict: 'Allowed',
    why: 'x read/write → read-only with DSB and ISB but no TLBI: the store may use the cached read/write entry (D8.16 ' +
      'R SQBCS) and write 1 to the page y reads',
  },
  'pgtable/HAND/CoW': {
    verdict: 'Allowed',
    why: 'copy on write: the store to read-only x faults, the handler copies pa1 to pa2, breaks x\'s entry (invalid, ' +
      'DSB, TLBI VALE1IS, DSB) and makes it map pa2 read/write, then returns to the store: once the walk reads the ' +
      'new entry (nothing forbids it) the store writes 2 to pa2 and pa1 keeps 1',
  },
  // P0 at EL0 writes a stage-1 entry, then an SVC: its EL1 handler loads through x
  'pgtable/HAND/CoWTf.inv+svc': {
    verdict: 'Allowed',
    why: 'invalid → valid, then the SVC\'s exception entry (a context synchronization event) with no DSB: the store need ' +
      'not be visible to walks (ARCH-NOTES §10), so the handler\'s load may fault (X2 = 0, set by the EL1 fault handler)',
  },
  'pgtable/HAND/CoWTf.inv.EL1+dsb-svc': {
    verdict: 'Forbidden',
    why: 'the DSB completes the store for walks and the SVC\'s exception entry synchronizes context (ARM §D24.1.2.2): the ' +
      'handler\'s load is translated with the valid entry (the invalid one was never cached, D8.16 R XCLRD)',
  },
  'pgtable/HAND/CoWTf.inv.EL1+dsb-svc-dsb': {
    verdict: 'Forbidden',
    why: 'as CoWTf.inv.EL1+dsb-svc, with one more DSB in the handler: no fault',
  },
  // ASIDs and VMIDs (isla's stage-1 entries are non-global: see src/check/isla-litmus.ts NOT_GLOBAL)
  'pgtable/HAND/CoWTa1.1.inv+dsb-tlbiasidis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'invalid → valid, DSB, ERET to EL0: the walk reads the valid entry and no invalid one was cached (D8.16 R XCLRD); ' +
      'the TLBI ASIDE1IS of the current ASID changes nothing',
  },
  'pgtable/HAND/CoWTa2.1.inv+dsb-tlbiasidis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'as CoWTa1.1.inv with a TLBI of another ASID: making an entry valid needs no TLBI at all (D8.17 I WZCBG)',
  },
  'pgtable/HAND/CoWinvTa1.1+dsb-tlbiasidis-dsb-eret': {
    verdict: 'Forbidden',
    why: 'valid → invalid, DSB, TLBI ASIDE1IS of the ASID TTBR0_EL1 holds (removes the non-global entries it tags), DSB, ' +
      'ERET: no entry survives, the EL0 load faults (X2 = 1)',
  },
  'pgtable/HAND/CoWinvTa2.1+dsb-tlbiasidis-dsb-eret': {
    verdict: 'Allowed',
    why: 'as CoWinvTa1.1 but the TLBI names ASID 2 while the entries are tagged with ASID 1: a cached entry for x ' +
      'survives (D8.16 R SQBCS) and the load may use it (X2 = 0)',
  },
  'pgtable/HAND/CoWinvTv2.2+dsb-tlbivmidis-msrvttbr-dsb-eret': {
    verdict: 'Forbidden',
    why: 'stage-2 entry valid → invalid, DSB, TLBI VMALLS12E1IS of the current VMID (0), DSB, then VTTBR_EL2 switched to ' +
      'VMID 1 with the same tables: VMID 0\'s entries are gone and none can be cached under VMID 1 while EL2 runs ' +
      '(D8.1.5 R NRJPP) — the TLB holds at the start only what the initial registers (VMID 0) allowed — so after the ' +
      'ERET the walk reads the invalid entry (X2 = 1)',
  },
  // permissions made by mkdesc3(…, AP=…)
  'pgtable/HAND/CoWroW.inv+dsb-isb': {
    verdict: 'Forbidden',
    why: 'x invalid → read-only, DSB, ISB, then an EL0 store through x: the old entry faults (and was never cached, D8.16 ' +
      'R XCLRD), the new one refuses the write: the store never reaches pa1',
  },
  'pgtable/HAND/CoWrwW.ro+dsb-isb': {
    verdict: 'Allowed',
    why: 'x read-only → read/write with DSB and ISB but no TLBI: the cached read-only entry (D8.16 R SQBCS) may still be ' +
      'used and the store take a permission fault, leaving pa1 at 0',
  },
  // mappings at level 2 (isla's `at level 2`, pte2): derived from the tests' text before the explorer ran them
  'pgtable/HAND/InvalidateWide': {
    verdict: 'Allowed',
    why: 'x and z share their level-2 entry (isla allocates them in one 2 MiB region); it is made invalid, DSB, then TLBI ' +
      'VAE1 of x\'s page only, DSB, ISB: a translation of z cached while the entry was valid (D8.16 R SQBCS) is not in ' +
      'the TLBI\'s scope (C5.5 TLBI VAE1: entries for that VA) and the load of z may use it and read pa2 (X6 = 2) — ' +
      'breaking a table entry needs the invalidation of every address below it (D8.17.1)',
  },
  'pgtable/HAND/InvalidateWideBlock': {
    verdict: 'Forbidden',
    why: 'x is a 2 MiB level-2 block; the block entry is made invalid, DSB, TLBI VAE1 of x\'s page — in scope of the ' +
      'block\'s one TLB entry, which covers x + 0x1000 too (C5.5: any entry that translates that VA) — DSB, ISB (D8.17.8 ' +
      'R PSMWS, R YNJCP): the load of x + 0x1000 walks, reads the invalid entry and faults (X6 = 1, never 0)',
  },
  'pgtable/HAND/IntermediateTLB': {
    verdict: 'Allowed',
    why: 'x\'s level-2 entry (a table descriptor) is made invalid with no TLBI, then x\'s level-3 entry invalid → pa1, DSB, ' +
      'ISB: a TLB may hold the level-2 table descriptor, cached by a walk of x while it was valid — a walk ending in an ' +
      'invalid level-3 entry still read a valid level-2 one, and only the faulting entry is never cached (D8.16 R XCLRD); ' +
      'that TLBIs come in all-levels and last-level-only forms (C5.5 TLBI VAE1 / VALE1) is the architecture allowing ' +
      'such walk caches — and the load, walking on from it, reads the new level-3 entry and pa1 (X6 = 1)',
  },
  'pgtable/HAND/UpdateFromTLB': {
    verdict: 'Allowed',
    why: 'x is read-only (AP = 0b11); its level-2 table descriptor is made invalid with no TLBI, then its level-3 entry ' +
      'replaced by a read/write one, DSB, ISB: as IntermediateTLB, a cached level-2 table descriptor (D8.16, C5.5 TLBI ' +
      'VAE1 / VALE1) lets the store walk on to the new read/write entry and succeed (X6 stays 0); without it the store ' +
      'faults — translation (level 2 invalid) or permission (the cached read-only entry)',
  },
  // the entry of the code page at VBAR_EL1 (pte3(0x1000, page_table_base)): derived before the explorer ran them
  'pgtable/HAND/CoTfW1.inv+si': {
    verdict: 'Forbidden',
    why: 'the EL0 store writes 0b10 (invalid) into the entry of the handler\'s page 0x1000 through the tables\' own ' +
      'read/write mapping and the thread ends: no instruction of it can fault — its code is on its own page (isla: ' +
      '0x400000), the store\'s target is mapped — so the handler, which alone sets X0 = 0, never runs (X0 = 2)',
  },
  'pgtable/HAND/CoTfWinv1+si': {
    verdict: 'Forbidden',
    why: 'as CoTfW1.inv+si without x\'s mapping: the one store cannot fault and the handler (X0 = 0) never runs',
  },
  // further stage-1 trees (s1table blocks beside the default tables): derived before the explorer ran them
  'pgtable/HAND/SwitchTable.same-asid+eret': {
    verdict: 'Allowed',
    why: 'table0 maps x → pa1 (0), table1 leaves x invalid; at EL1 on table0 with ASID 0 a walk may cache x\'s entry (the ' +
      'EL1&0 regime is in context: D8.16 R SQBCS), tagged ASID 0; TTBR0_EL1 switches to table1 with the same ASID and the ' +
      'ERET synchronizes it, but no TLBI removes the entry: TLB entries match on ASID, not on the table base (D8.16; ' +
      'changing TTBR0_EL1 without an ASID change needs TLB maintenance), so the EL0 load may use it (X1 = 0); otherwise ' +
      'it walks table1 and faults, taken to VBAR_EL1 + 0x400 where the test has no handler (its one is at +0x200): the ' +
      'thread ends with X1 = 1',
  },
  'pgtable/HAND/SwitchTable.different-asid+eret': {
    verdict: 'Allowed',
    why: 'as same-asid but table1 comes with ASID 1: the entries cached on table0 are tagged ASID 0 (non-global) and ' +
      'never match, so the EL0 load walks table1 and faults. That fault goes to VBAR_EL1 + 0x400 (lower EL, D1.10.2), ' +
      'where the test has no handler (its one, which would set X1 = 1, is at +0x200): the runner ends the thread there ' +
      '(herd\'s fatal fault), X1 keeping the value it started with, which the test leaves unset (the runner: 0) — so the ' +
      'assertion X1 = 0 holds in the faulting run itself. Allowed, for that reason only: the question the test means ' +
      '(can the old table\'s entry serve the load) has the answer no',
  },
  'pgtable/HAND/UpdateWhileUnmappedSimple': {
    verdict: 'Forbidden',
    why: 'new_table (reachable from nothing) maps x → pa1 (1); the default tree\'s level-2 entry for x is invalid. The ' +
      'EL0 thread rewrites x\'s level-3 entry in new_table to pa2, DSB, then points the level-2 entry at new_table\'s ' +
      'level-3 table, DSB, ISB, and loads x: no translation of x through new_table was ever possible before the second ' +
      'store, so none is cached (D8.16 R XCLRD: the walks before it fault at level 2), and the walk after DSB + ISB sees ' +
      'both stores (D8.17 I WZCBG): it reads pa2 (X6 = 2), never pa1 (X6 = 1)',
  },
  // default_tables = false with the sets the registers name (TTBR0_EL2's an EL2 stage-1 tree): derived before the
  // explorer ran them
  'pgtable/HAND_PKVM/pKVM.create_hyp_mappings.inv.l3': {
    verdict: 'Forbidden',
    why: 'at EL2 on its own map (TTBR0_EL2 = hyp_pgtable, where x is invalid): x\'s entry made valid (STLR), DSB, ISB, ' +
      'then a load of x: the invalid entry was never cached (D8.16 R XCLRD) and after DSB + ISB the walk reads the new ' +
      'one (D8.17 I WZCBG): the load reads pa1 (X2 = 1) and never faults, so the handler that sets X2 = 0 never runs',
  },
  'pgtable/HAND_PKVM/pKVM.create_hyp_mappings.inv.l2': {
    verdict: 'Forbidden',
    why: 'at EL2: x\'s level-2 entry in hyp_pgtable is invalid; the thread points it at hyp_pgtable_new\'s level-3 table ' +
      '(mkdesc2(table=0x283000)) and makes x\'s entry there valid, DSB, ISB, then loads x: nothing on that walk was ' +
      'valid before, so nothing of it is cached (D8.16 R XCLRD), and the walk after DSB + ISB sees both stores: the load ' +
      'reads pa1 and the handler (X2 = 0) never runs',
  },
  'pgtable/HAND_PKVM/pKVM.host_handle_trap.stage2_idmap.l3': {
    verdict: 'Forbidden',
    why: 'at EL1 through host_s1 (x → ipa1) and vm_stage2 (ipa1 invalid): the first load takes a stage-2 fault to EL2, ' +
      'whose handler counts it (X10 = 1), makes ipa1 → pa1 valid (STLR), DSB ISHST, and ERETs past the load; the second ' +
      'load comes after that DSB and the ERET\'s context synchronization, and no translation through the invalid ' +
      'stage-2 entry was cached (D8.16 R XCLRD): it reads pa1, so X10 = 2 (a second fault) never happens',
  },
  'pgtable/HAND/Stage1FillFromStage2': {
    verdict: 'Forbidden',
    why: 'at EL2: ipa1\'s stage-2 entry made invalid, DSB, x\'s stage-1 entry (invalid at the start) made x → ipa1, DSB, ' +
      'TLBI IPAS2E1 of ipa1, DSB, ERET to EL1 and a load of x: no translation of x was ever possible before, so no ' +
      'combined entry for it is cached (D8.16 R XCLRD); the TLBI, completed by the DSB and synchronized by the ERET, ' +
      'removes any stage-2 entry for ipa1 (C5.5 TLBI IPAS2E1, D8.17.8): the walk reads the new stage-1 entry and the ' +
      'invalid stage-2 one and takes a stage-2 fault, whose EL2 handler sets X8 = 1 — never 0 (the load cannot read ' +
      'pa1, and a stage-1 fault, whose vector has no handler, cannot happen after DSB + ERET)',
  },
  // two VMs: a further stage-2 tree each (derived before the explorer ran them)
  'pgtable/HAND_PKVM/pKVM.vcpu_run': {
    verdict: 'Forbidden',
    why: 'the first load runs in VM 1 (VMID 1: x → ipa1 → pa1, X0 = 1); the HVC handler switches TTBR0_EL1 to VM 2\'s ' +
      'stage 1 and VTTBR_EL2 to VM 2\'s stage 2 with VMID 2 and ERETs (a context synchronization event): every EL1&0 ' +
      'entry cached so far is tagged VMID 1 and matches no VMID-2 lookup (D8.16; D8.17 VMID), and none is cached while ' +
      'EL2 runs (D8.1.5 R NRJPP), so the second load walks VM 2\'s tables, both valid: it reads pa2, X4 = 2 always — ' +
      '~(X4 = 2) never holds',
  },
  'pgtable/HAND_PKVM/pKVM.vcpu_run.update_vmid': {
    verdict: 'Forbidden',
    why: 'as vcpu_run but VM 2 reuses VMID 1, and the handler first runs DSB ISHST, TLBI ALLE1IS, DSB SY: every EL1&0 ' +
      'entry is removed (C5.5 TLBI ALLE1IS, completed by the DSB, D8.17.8), none can be cached again at EL2 (D8.1.5 R ' +
      'NRJPP), and the ERET synchronizes the new TTBR0_EL1/VTTBR_EL2: the second load walks VM 2\'s tables and reads ' +
      'pa2 (X4 = 2)',
  },
  'pgtable/HAND_PKVM/pKVM.vcpu_run.same_vm': {
    verdict: 'Allowed',
    why: 'VM 2 runs with VM 1\'s VMID (1): TLBI VMALLE1 under VMID 1 removes its stage-1 and combined entries, table ' +
      'descriptors of stage 1 included, but no stage-2 entry (C5.5 TLBI VMALLE1: stage 1 only; D8.17.6.1). A walk of ' +
      'VM 1\'s stage 2 before the test, while it was in context, may have cached the stage-2 table descriptors on ipa2\'s ' +
      'walk — valid ones, though ipa2\'s own last-level entry was invalid: only the faulting entry is never cached (D8.16 ' +
      'R XCLRD) — tagged VMID 1, not its VTTBR_EL2 base (D8.16 R QNPQX). VM 2\'s walk of ipa2 may then go through them ' +
      'to VM 1\'s last-level table, where ipa2 is invalid: a stage-2 fault, the handler sets X2 = 0. (Derived again ' +
      'after the explorer, once the walk cache was modelled, found X2 = 0 — the one verdict here that came after the ' +
      'explorer\'s answer; the first derivation said Forbidden, counting leaf entries only.)',
  },
};

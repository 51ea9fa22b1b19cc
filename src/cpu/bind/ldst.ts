// Handlers of the integer load/store rows (src/arch/a64/rows/ldst.ts), by row id. Those rows are generated from the
// Arm ARM's size/opc tables, each in one encoding group (ldstForm); a group's rows share its handler.
import { LDST, ldstForm, type LdstForm } from '../../arch/a64/rows/ldst.ts';
import { loadAcquire, loadExclusive, loadExclusivePair, storeExclusive, storeExclusivePair, storeRelease } from '../exec/exclusive.ts';
import {
  ldrLiteral, ldstPostIndex, ldstPreIndex, ldstRegisterOffset, ldstUnprivileged, ldstUnscaled, ldstUnsignedOffset,
  prefetch, prefetchRegister,
} from '../exec/ldst.ts';
import { ldstPair } from '../exec/ldst-pair.ts';
import type { Bindings, Handler } from '../handler.ts';

const BY_FORM: Readonly<Record<LdstForm, Handler>> = {
  uoff: ldstUnsignedOffset, post: ldstPostIndex, pre: ldstPreIndex, reg: ldstRegisterOffset,
  unscaled: ldstUnscaled, unpriv: ldstUnprivileged, lit: ldrLiteral,
  prefetch, 'prefetch-reg': prefetchRegister, pair: ldstPair,
  'excl-store': storeExclusive, 'excl-load': loadExclusive, 'store-release': storeRelease, 'load-acquire': loadAcquire,
  'excl-store-pair': storeExclusivePair, 'excl-load-pair': loadExclusivePair,
};

export const LDST_HANDLERS: Bindings = Object.fromEntries(LDST.map((r) => [r.id, BY_FORM[ldstForm(r.id)!]]));

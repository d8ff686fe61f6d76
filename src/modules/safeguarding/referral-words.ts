import type { ReferredTo } from '../../db/schema/safeguarding.ts';
import { referredTos } from './service.ts';

/**
 * The words for where a concern was referred. Adult safeguarding in England is an enquiry under
 * the Care Act 2014, section 42; in Wales it is a duty to report under the Social Services and
 * Well-being (Wales) Act 2014, section 126. An organisation that has turned Welsh on works in
 * Wales, so it sees the Welsh law named. What is stored ('adults') is the same in both.
 */
export function referralWordKeys(inWales: boolean): Record<ReferredTo, string> {
  const keys = {} as Record<ReferredTo, string>;
  for (const r of referredTos) keys[r] = `safeguarding:referredTo.${r === 'adults' && inWales ? 'adultsWales' : r}`;
  return keys;
}

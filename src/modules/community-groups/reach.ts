// Who a group reaches is said in the words of "who is missing" (src/modules/equality): a
// key is a grouping and one of its categories, such as "ethnicGroup.gypsy-irish-traveller"
// or "circumstances.gypsy-traveller". The keys are read from equality's vocabulary, never
// copied, so a gap on that page and a group in the directory always match.
import { circumstances, circumstancesGrouping, groupingNames, groupings } from '../equality/vocabulary.ts';

export type ReachSection = { grouping: string; keys: string[] };

/** Every key, by grouping, in the order "who is missing" shows them, so any gap it shows can be planned for. */
export const reachSections: readonly ReachSection[] = [
  ...groupingNames.map((grouping) => ({ grouping, keys: (groupings[grouping] as readonly string[]).map((c) => `${grouping}.${c}`) })),
  { grouping: circumstancesGrouping, keys: circumstances.map((c) => `${circumstancesGrouping}.${c}`) },
];

export const reachKeys: readonly string[] = reachSections.flatMap((s) => s.keys);
const known = new Set(reachKeys);
export const isReachKey = (key: string) => known.has(key);

/** The catalogue key of a reach key's words, as equality names its answers ("equality:a.ethnicGroup.roma"). */
export const reachLabelKey = (key: string) => `equality:a.${key}`;
/** The catalogue key of a grouping's name. */
export const groupingLabelKey = (grouping: string) =>
  grouping === circumstancesGrouping ? 'community-groups:reachOther.circumstances' : `equality:grouping.${grouping}`;

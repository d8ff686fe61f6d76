// The fixed lists of the directory and of outreach, each with its words in community-groups.json.
import type { BestWay, CommunityGroupKind, OutreachResult } from '../../db/schema/community-groups.ts';
import { contactChannels } from '../people/vocabulary.ts';

/** A group (a lunch club), a network (a carers' network), a place (a library), a partner organisation. */
export const groupKinds = ['group', 'network', 'place', 'partner'] as const satisfies readonly CommunityGroupKind[];
/** The best way to reach the group first: the same ways the app reaches people by (people's contact channels). */
export const bestWays = contactChannels satisfies readonly BestWay[];
/** What came of an outreach action. */
export const outreachResults = ['reached', 'not-reached'] as const satisfies readonly OutreachResult[];
/** Where an outreach action stands on a day (outreach-state.ts). */
export const outreachStates = ['planned', 'due-soon', 'overdue', 'reached', 'not-reached'] as const;

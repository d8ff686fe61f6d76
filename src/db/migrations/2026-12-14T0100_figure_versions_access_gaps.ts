import type { Kysely } from 'kysely';
import { addFigureVersionTriggers, dropFigureVersionTriggers } from '../figure-version-triggers.ts';

// "Access to check" (the To do line) is counted from these tables as well as from meetings
// and their papers, whose changes already move the figure version on; so the count can be
// kept (decision 0014). It reads who is invited, never a reply: an invitation's row moves the
// version on only when it comes or goes, not at each of the many replies.
const tables = ['access_needs', 'venues', 'meeting_paper_files', 'meeting_gap_acceptances'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await addFigureVersionTriggers(db, tables);
  await addFigureVersionTriggers(db, ['meeting_invitees'], undefined, 'rows-come-and-go');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropFigureVersionTriggers(db, ['meeting_invitees'], undefined, 'rows-come-and-go');
  await dropFigureVersionTriggers(db, tables);
}

import type { AccessNeedsService } from '../people/access-needs.ts';
import type { EasyReadService } from './service.ts';

/**
 * Who is sent meeting messages in easy read (issue 24): people who made easy read their
 * default (or staff set it when they asked), and people whose access needs say easy read is
 * their format. Two queries however many people. Needs are read to plan a message, as the
 * papers and the access check do, not shown to anyone, so the read is not a logged view.
 */
export function easyReadMessageReaders(easyRead: Pick<EasyReadService, 'readersAmong'>, accessNeeds: Pick<AccessNeedsService, 'readMany'>) {
  return async (organisationId: string, personIds: readonly string[]): Promise<Set<string>> => {
    const readers = await easyRead.readersAmong(organisationId, personIds);
    const needs = await accessNeeds.readMany(organisationId, personIds);
    for (const [personId, need] of needs) if (need.formats.includes('easy-read')) readers.add(personId);
    return readers;
  };
}

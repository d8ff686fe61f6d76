import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * Easy read (issue 24): Amira chose easy read pages for herself, and staff wrote the easy
 * read summary and decisions of the past menu tasting, which she sees on its page.
 */
export async function addDemoEasyRead(
  services: Services,
  admin: CurrentUser,
  userOf: (email: string) => Promise<CurrentUser>,
  pastMeetingId: string,
) {
  const { easyRead, meetingRecords } = services;
  const amira = await userOf('amira@example.org');
  await easyRead.set(amira, amira.personId, true);
  const notes = await meetingRecords.notes(admin.organisationId, pastMeetingId);
  const [leek, soft] = notes.decisions;
  await easyRead.writeForMeeting(
    admin,
    pastMeetingId,
    notes.decisions.map((d) => d.id),
    {
      summary: 'We **tasted** soups.\nWe chose **2 soups** for lunch.\nThere will always be a **soft food** choice.',
      decisions: {
        ...(leek ? { [leek.id]: 'Leek soup on **Mondays**. Lentil soup on **Thursdays**.' } : {}),
        ...(soft ? { [soft.id]: 'There is **soft food** every day.' } : {}),
      },
    },
  );
}

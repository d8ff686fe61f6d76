import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { CharterAnswerHow } from '../src/db/schema/charter.ts';

type Text = {
  meaning: string;
  equality: string;
  diversity: string;
  accessibility: string;
  reciprocity: string;
  benefits: string;
  outcomes: string;
  commitments: string;
};

const version1: Text = {
  meaning:
    'Co-production means people who draw on care and support, carers, families and staff plan, decide, do and check things together, as equal partners, from start to end.',
  equality:
    'Everyone has something to give. Nobody has more say because of their job. New people get a buddy for their first three meetings.',
  diversity: 'We go out to lunch clubs, faith groups and Gypsy and Traveller sites to meet people who are often left out.',
  accessibility: 'Papers come in easy read, large print and audio. Meetings are step-free, with breaks, and we send papers a week before.',
  reciprocity:
    'People choose a fee, time credits or a voucher, and we pay travel and care cover. We help people check their benefits first.',
  benefits: 'Services that fit people’s lives. People feel listened to, and staff learn from lived experience.',
  outcomes: 'Each year we ask people what changed for them, and we look at the answers together.',
  commitments: 'Our directors come to one co-production meeting every quarter and report back on what changed.',
};

/**
 * The charter (issue 21, C1, C2): version 1 was agreed by some and questioned by others;
 * version 2 took in what they said (evening meetings) and is the one in force, agreed by
 * sign-in, by personal link and on the phone; staff have started version 3 from it.
 */
export async function addDemoCharter(services: Services, admin: CurrentUser, ids: Map<string, string>) {
  const who = (name: string) => ids.get(name)!;
  const organisationId = admin.organisationId;
  const { charter } = services;
  const write = async (text: Text) => {
    await charter.startDraft(admin);
    await charter.saveDraft(admin, { ...text, sponsorPersonId: admin.personId, sponsorRole: 'Director of Adult Social Care' });
    const published = await charter.publish(admin);
    if (!published.ok) throw new Error(`demo charter not published: ${published.reason}`);
    return published.version;
  };
  const answer = async (version: number, name: string, how: CharterAnswerHow, wouldChange: string | null = null) => {
    const problem = await charter.answer(null, {
      organisationId,
      personId: who(name),
      version,
      answer: wouldChange ? 'change' : 'agree',
      wouldChange,
      how,
      recordedBy: how === 'phone' || how === 'letter' ? who('Hannah Lowe') : null,
    });
    if (problem) throw new Error(`demo charter answer refused: ${problem}`);
  };

  const v1 = await write(version1);
  await answer(v1, 'Grace Okafor', 'sign-in');
  await answer(v1, 'Thomas Reid', 'link', 'Meetings in the evening too, so carers who work can come.');
  await answer(v1, 'Hannah Lowe', 'sign-in');

  const v2 = await write({
    ...version1,
    accessibility: `${version1.accessibility} Some meetings are in the evening, so carers who work can come.`,
  });
  for (const name of ['Grace Okafor', 'Amira Hassan', 'Hannah Lowe', 'Martin Shaw', 'George Evans', 'Arjun Patel', 'Colin Baker'])
    await answer(v2, name, 'sign-in');
  await answer(v2, 'Thomas Reid', 'link');
  await answer(v2, 'Daisy Morgan', 'link');
  await answer(v2, 'Dennis Whitfield', 'letter');
  await answer(v2, 'Beatrice Adeyemi', 'link', 'Say how we will reach people who do not read English.');
  await answer(v2, 'Olivia Grant', 'phone', 'Name who checks that the directors come to meetings.');
  await charter.startDraft(admin);
}

import type { Services } from '../src/services.ts';
import type { CurrentUser } from '../src/platform/auth.ts';
import type { DemoCalendar } from './demo-calendar.ts';
import type { StatementAnswer } from '../src/modules/reviews/service.ts';
import { allStatements, type Rating } from '../src/modules/reviews/vocabulary.ts';

const clamp = (n: number) => Math.min(5, Math.max(1, n)) as Rating;

/**
 * Reviews (V1, V2): the council's organisation review, open from about three months ago and
 * closed today (answers are refused after a review's closing date, so it closes on the day
 * the demo is made),
 * where staff see things much more kindly than people with lived experience (a clear gap);
 * and an open review of the lunches project with a few answers in.
 */
export async function addDemoReviews(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  ids: Map<string, string>,
  lunchesProjectId: string,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const day = cal.day;
  const { reviews } = services;
  const id = (name: string) => {
    const found = ids.get(name);
    if (!found) throw new Error(`demo data: no person called ${name}`);
    return found;
  };
  /** Everyone rates every statement around their base, a little up or down. */
  const ratingsFor = (base: number, seed: number): StatementAnswer[] =>
    allStatements.map((code, j) => ({
      code,
      answer: (seed + j) % 11 === 0 ? 'dont-know' : clamp(base + (((seed + j) % 3) - 1)),
      comment: null,
    }));

  const spring = await reviews.create(admin, {
    title: 'Spring review',
    projectId: null,
    opensOn: day(-100),
    closesOn: day(0),
    schedule: 'yearly',
    gapThresholdTenths: 10,
  });
  if (!spring.ok) throw new Error('demo data: could not start the spring review');
  const signedIn: Array<[string, string, number]> = [
    ['grace@example.org', 'Grace Okafor', 2],
    ['amira@example.org', 'Amira Hassan', 3],
    ['priya@example.org', 'Priya Natarajan', 2],
    ['lily@example.org', 'Lily Chen', 3],
  ];
  for (const [n, [email, , base]] of signedIn.entries()) {
    const user = await userOf(email);
    const answers = ratingsFor(base, n);
    if (n === 0) answers[3] = { code: 'S1', answer: 1, comment: 'The plans were made before we were asked.' };
    await reviews.saveSection(user, spring.id, user.personId, answers, 'self');
  }
  // Told to staff at the day centre or on the phone.
  for (const [n, name] of ['Dennis Whitfield', 'Eileen Murphy', 'Thomas Reid', 'Joan Fletcher'].entries()) {
    await reviews.saveSection(admin, spring.id, id(name), ratingsFor(2, n + 4), n % 2 === 0 ? 'in-person' : 'phone');
  }
  for (const [n, email] of ['hannah.lowe@northshire.example', 'martin.shaw@northshire.example'].entries()) {
    const user = await userOf(email);
    await reviews.saveSection(user, spring.id, user.personId, ratingsFor(4, n + 8), 'self');
  }
  await reviews.saveSection(admin, spring.id, admin.personId, ratingsFor(4, 10), 'self');
  await reviews.saveSection(admin, spring.id, id('George Evans'), ratingsFor(5, 11), 'in-person');
  await reviews.close(admin, spring.id);

  const lunches = await reviews.create(admin, {
    title: 'Lunches: how are we doing?',
    projectId: lunchesProjectId,
    opensOn: day(-7),
    closesOn: day(21),
    schedule: 'quarterly',
    gapThresholdTenths: 10,
  });
  if (!lunches.ok) throw new Error('demo data: could not start the lunches review');
  const grace = await userOf('grace@example.org');
  await reviews.saveSection(grace, lunches.id, grace.personId, ratingsFor(4, 1).slice(0, 8), 'self');
  await reviews.saveSection(admin, lunches.id, id('Dennis Whitfield'), ratingsFor(3, 2).slice(0, 3), 'phone');
  await reviews.sendInvitations(admin, lunches.id);
  return { closedId: spring.id, openId: lunches.id };
}

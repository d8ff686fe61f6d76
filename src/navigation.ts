import type { CurrentUser } from './platform/auth.ts';
import type { Translate } from './platform/i18n.ts';

type NavItem = { href: string; text: string; active?: boolean };

/**
 * A member's less-used pages, grouped on More (/more) rather than in their menu, which
 * wrapped onto a third line with 13 items. Every one is still a plain link: More is a page.
 */
export const memberMore = [
  { heading: 'pages:more.you', links: [{ href: '/equality/mine', name: 'common:nav.aboutYou', about: 'pages:more.aboutYou' }] },
  {
    heading: 'pages:more.takePart',
    links: [
      { href: '/commissioning', name: 'commissioning:nav', about: 'pages:more.commissioning' },
      { href: '/learn', name: 'learn:nav', about: 'pages:more.learn' },
      { href: '/charter', name: 'charter:nav', about: 'pages:more.charter' },
    ],
  },
  {
    heading: 'pages:more.whatWeDo',
    links: [
      { href: '/our-impact', name: 'open-reports:nav', about: 'pages:more.ourImpact' },
      { href: '/risks', name: 'risks:nav', about: 'pages:more.risks' },
    ],
  },
] as const;
const onMore: readonly string[] = memberMore.flatMap((g) => g.links.map((l) => l.href));
const within = (path: string, href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));

/** The service navigation for a role. Members see only what is theirs. */
export function navigationFor(user: CurrentUser | null, url: string, t: Translate): NavItem[] {
  const path = url.split('?')[0] ?? '/';
  const items: Array<[string, string]> = [];
  if (!user) {
    items.push(['/sign-in', 'common:nav.signIn']);
  } else {
    items.push(['/', 'common:nav.home']);
    if (user.role === 'independent-facilitator') {
      // From outside the organisation (issue 22): the meetings they run, and their account.
      items.push(['/facilitating', 'independent-facilitators:nav']);
    } else if (user.role === 'member') {
      items.push(
        ['/projects', 'common:nav.myProjects'],
        ['/meetings', 'common:nav.meetings'],
        [`/people/${user.personId}`, 'common:nav.myDetails'],
      );
      items.push(['/my-claims', 'common:nav.myClaims']);
      // About you, what their projects did (issue 21), risks, the charter, Learn and
      // Commissioning are on More (memberMore): the menu keeps what they use most.
    } else {
      items.push(['/to-do', 'common:nav.toDo']);
      items.push(
        ['/people', 'common:nav.people'],
        ['/projects', 'common:nav.projects'],
        ['/meetings', 'common:nav.meetings'],
        ['/venues', 'common:nav.venues'],
      );
      items.push(['/rewards', 'common:nav.payments']);
      items.push(['/claims', 'common:nav.claims']);
      items.push(['/reviews', 'common:nav.reviews']);
      items.push(['/learning', 'common:nav.learning'], ['/outcomes', 'common:nav.outcomes']);
      items.push(['/impact', 'common:nav.impact']);
      items.push(['/equality/who-is-missing', 'common:nav.whoIsMissing']);
      items.push(['/community-groups', 'common:nav.communityGroups']);
      items.push(['/risks', 'risks:nav']);
      items.push(['/staff-time', 'staff-time:nav']);
      items.push(['/buddies', 'buddies:nav']);
    }
    // Everyone's to read and answer (issue 21, C1, C2).
    if (user.role !== 'independent-facilitator') items.push(['/charter', 'charter:nav'], ['/timebank', 'common:nav.timebank']);
    // Short modules for everyone (issue 22, P3); not the staff's Learning (actions and lessons, V3).
    if (user.role === 'admin' || user.role === 'facilitator' || user.role === 'member') items.push(['/learn', 'learn:nav']);
    // Commissioning with people who draw on care (issue 23, P6, P7): rounds, panels and the policy.
    if (user.role === 'admin' || user.role === 'facilitator' || user.role === 'member') items.push(['/commissioning', 'commissioning:nav']);
    // Facilitators read and pass on their own projects' messages there too.
    if (user.role === 'admin' || user.role === 'facilitator') items.push(['/admin/messages', 'common:nav.outbox']);
    if (user.role === 'admin' || user.role === 'facilitator') items.push(['/admin/texts', 'common:nav.texts']);
    if (user.role === 'admin') items.push(['/data-requests', 'common:nav.dataRequests']);
    if (user.role === 'member') {
      items.splice(0, items.length, ...items.filter(([href]) => !onMore.includes(href)));
      items.push(['/more', 'common:nav.more']);
    }
    // Signing out is a form's button (a POST with the CSRF token), put after these by the layout.
    items.push(['/account', 'common:nav.account']);
  }
  return items.map(([href, key]) => ({
    href,
    text: t(key),
    // More is where a member is on any page it leads to.
    active: href === '/more' ? within(path, href) || onMore.some((h) => within(path, h)) : within(path, href),
  }));
}

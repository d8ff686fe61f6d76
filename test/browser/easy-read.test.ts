import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 24 (P1, P2): a member whose easy read staff turned on at her request does her tasks
// in easy read, by keyboard with JavaScript off: she replies to an invitation (and finds the
// meeting's papers there), votes, looks at her payments and time credits, and raises a concern; then she turns easy read off with
// the switch. axe checks every easy read page (JavaScript on), and the staff page for
// writing the easy read summary.
describe('journey: easy read', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member does her tasks in easy read by keyboard without JavaScript; every easy read page passes axe', async () => {
    const { services, staff, organisationId } = world;
    const grace = await world.person(
      { fullName: 'Grace Member', preferredName: 'Grace', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'grace@example.com' },
    );
    const projectId = await services.projects.create(staff, {
      title: 'Better lunches',
      purpose: 'Menus people like',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    await services.projects.addMember(staff, projectId, grace, 'member', '2026-02-01');
    const now = browserClock().getTime();
    const meetingId = await services.meetings.create(staff, projectId, {
      title: 'Menu tasting',
      purpose: 'Taste three soups and choose two.',
      startsAt: new Date(now + 7 * 86_400_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000 + 7_200_000).toISOString(),
      format: 'online',
      venueId: null,
      joiningDetails: 'We send the link the day before.',
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    await services.invitations.sendInvitations(staff, meetingId);
    const proposalId = await services.proposals.create(staff, projectId, {
      question: 'Should lunch start at 12:30pm?',
      background: 'Some people arrive late.',
      meetingId: null,
      paperIds: [],
      method: 'consent',
      settings: {},
      options: [],
      everyone: true,
      voterIds: [],
      secret: false,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    // Grace asked for easy read; staff set it on her record.
    await services.easyRead.set({ ...staff, role: 'admin' }, grace, true);
    // A paper with what it is about, sent to her: her meeting page and her personal link list it.
    const upload = await services.papers.checkUpload({ data: Buffer.from('%PDF-1.4\n%%EOF\n'), fileName: 'agenda.pdf' });
    if (!upload.ok) throw new Error(upload.error);
    const adminUser = { ...staff, accountId: '', organisationName: '', role: 'admin' as const, name: admin.name };
    await services.papers.add(
      adminUser,
      meetingId,
      { title: 'Agenda', format: 'standard', summary: 'Bring receipts for your expenses.' },
      upload.upload,
    );
    await services.paperSending.send(adminUser, meetingId);
    const byLink = new URL(services.invitations.replyLink(await services.meetings.load(organisationId, meetingId), grace)).pathname;

    const { context, page } = await signedInPage(world, 'grace@example.com', 'Grace', { javaScriptEnabled: false });
    const press = async (locator: ReturnType<Page['getByRole']>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    const home = async () => {
      await press(page.getByRole('link', { name: 'Home', exact: true }));
      await page.getByRole('heading', { name: 'Your next meetings' }).waitFor();
    };
    await page.getByRole('heading', { name: 'Your next meetings' }).waitFor();
    assert.equal((await page.getByRole('img', { name: 'Picture of a calendar' }).count()) > 0, true);

    // Reply to the invitation.
    await press(page.getByRole('link', { name: /Menu tasting/ }));
    await page.getByRole('heading', { name: 'Your reply' }).waitFor();
    await press(page.getByRole('button', { name: 'Send my reply' }));
    await page
      .getByRole('link', { name: /Choose|Say/ })
      .first()
      .waitFor();
    await page.getByRole('radio', { name: 'Yes, I can come' }).focus();
    await page.keyboard.press('Space');
    await press(page.getByRole('button', { name: 'Send my reply' }));
    await page.getByText('You said yes, you can come.').waitFor();
    await page.getByRole('heading', { name: 'Papers for the meeting' }).waitFor();
    await page.getByRole('link', { name: 'Open Agenda: Standard version' }).waitFor();
    await page.getByRole('link', { name: 'expenses', exact: true }).waitFor();

    // Vote.
    await home();
    await press(page.getByRole('link', { name: /Vote on: Should lunch start/ }));
    await page.getByText('Voting ends on').waitFor();
    await page.getByRole('radio', { name: 'Agree', exact: true }).focus();
    await page.keyboard.press('Space');
    await press(page.getByRole('button', { name: 'Send my vote' }));
    await page.getByText(/You have voted/).waitFor();
    await page.getByRole('img', { name: 'Picture of a green tick' }).first().waitFor();

    // Payments and time credits.
    await home();
    await press(page.getByRole('link', { name: 'See your payments and expenses.' }));
    await page.getByRole('heading', { name: 'Your payments' }).waitFor();
    await press(page.getByRole('link', { name: 'See your time credits.' }));
    await page.getByRole('heading', { name: 'Your time credits' }).waitFor();

    // Raise a concern.
    await home();
    await press(page.getByRole('link', { name: /Tell us here/ }));
    await page.getByRole('heading', { name: 'Worried about someone?' }).waitFor();
    await page.getByRole('radio', { name: 'No' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('textbox', { name: 'What happened?' }).focus();
    await page.keyboard.type('My friend at the day centre has bruises on her arms.');
    await page.waitForTimeout(3_200);
    await press(page.getByRole('button', { name: 'Send' }));
    await page.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();

    // The switch turns easy read off for this visit.
    await home();
    await press(page.getByRole('button', { name: 'Easy read: turn off' }));
    await page.getByRole('button', { name: 'Easy read: turn on' }).waitFor();
    assert.equal(await page.getByRole('img', { name: 'Picture of a house' }).count(), 0, 'the usual home page');
    await context.close();

    // axe looks at each easy read page with JavaScript on.
    const checked = await signedInPage(world, 'grace@example.com', 'Grace');
    for (const [path, label] of [
      ['/', 'easy read home'],
      ['/meetings', 'easy read meetings'],
      [`/meetings/${meetingId}`, 'easy read meeting'],
      [`/proposals/${proposalId}/vote`, 'easy read vote'],
      [`/proposals/${proposalId}`, 'easy read proposal'],
      ['/my-claims', 'easy read payments'],
      ['/timebank', 'easy read time credits'],
      ['/safeguarding/concern', 'easy read concern'],
      [`/easy-read/people/${grace}`, 'easy read setting'],
      [byLink, 'easy read reply by personal link, with papers'],
    ] as const) {
      await checked.page.goto(path);
      await expectAccessible(checked.page, label);
    }
    await checked.page.goto('/safeguarding/concern');
    await checked.page.getByRole('button', { name: 'Send' }).click();
    await checked.page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(checked.page, 'easy read concern with errors');
    await checked.context.close();

    const staffPage = await signedInPage(world, admin.email, admin.name, { open: `/easy-read/meetings/${meetingId}` });
    await expectAccessible(staffPage.page, 'writing the easy read summary');
    await staffPage.page
      .getByRole('textbox', { name: 'Easy read summary' })
      .fill('We **tasted** soups. We liked the leek soup best of all the soups we tried today.');
    await staffPage.page.getByRole('button', { name: 'Save' }).click();
    await staffPage.page.getByText('The easy read summary is saved.').waitFor();
    await expectAccessible(staffPage.page, 'easy read summary with advice');
    await staffPage.context.close();
    assert.ok(organisationId);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 24 (P1, P2): staff write what a paper is about as they add it, by keyboard with
// JavaScript off: "Check my words" gives advice and keeps what was typed; they save, and
// change it later on its own page. A member reads it with the paper, glossary words linked.
// With JavaScript the advice comes as staff stop typing. The changed pages pass axe.
describe('journey: a paper summary in plain words', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('write a paper summary with the check, keyboard only and JavaScript off; members read it', async () => {
    const project = await world.services.projects.create(world.staff, {
      title: 'Better lunches',
      purpose: 'Menus people like',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const mo = await world.person({ fullName: 'Mo Member', perspectives: ['draws-on-care'] }, { email: 'mo@example.com' });
    await world.services.projects.addMember(world.staff, project, mo, 'member', '2026-02-01');
    const startsAt = new Date(world.running.now().getTime() + 14 * 86_400_000);
    const meetingId = await world.services.meetings.create(world.staff, project, {
      title: 'Menu tasting',
      purpose: 'Taste soups',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    const papers = `/meetings/${meetingId}/papers`;

    const { context, page } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false, open: papers });
    const press = async (locator: ReturnType<typeof page.getByRole>) => {
      await locator.focus();
      await page.keyboard.press('Enter');
    };
    const summaryBox = page.getByRole('textbox', { name: 'What the paper is about (optional)' });
    await page.getByRole('textbox', { name: 'Name of the paper' }).focus();
    await page.keyboard.type('Agenda');
    await summaryBox.focus();
    await page.keyboard.type('The menu was agreed by stakeholders.');
    await press(page.getByRole('button', { name: 'Check my words' }));
    await page.getByRole('heading', { name: 'Advice on your words' }).waitFor();
    await page.getByText('Instead of “stakeholders”, try “people who take part, or people it matters to”.').waitFor();
    await page.getByText('“was agreed”').waitFor();
    assert.equal(await summaryBox.inputValue(), 'The menu was agreed by stakeholders.');
    assert.equal(await page.getByRole('textbox', { name: 'Name of the paper' }).inputValue(), 'Agenda');

    // Plainer words, then the paper: its version by keyboard, its file chosen again.
    await summaryBox.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('What we will talk about. Bring receipts for your expenses.');
    await page.getByRole('group', { name: 'Which version is this?' }).getByRole('radio', { name: 'Standard' }).focus();
    await page.keyboard.press('Space');
    await page
      .getByLabel('Choose the file')
      .setInputFiles({ name: 'agenda.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await press(page.getByRole('button', { name: 'Add paper' }));
    await page.getByText('The paper is added').waitFor();
    await page.getByText('What we will talk about. Bring receipts for your expenses.').waitFor();

    // Changed later on its own page.
    await press(page.getByRole('link', { name: 'Change what it is about for Agenda' }));
    await page.getByRole('heading', { name: 'What Agenda is about' }).waitFor();
    const changeBox = page.getByRole('textbox', { name: 'What the paper is about (optional)' });
    await changeBox.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('We will utilise the time to choose soups. Bring receipts for your expenses.');
    await press(page.getByRole('button', { name: 'Check my words' }));
    await page.getByText('Instead of “utilise”, try “use”.').waitFor();
    assert.equal(await changeBox.inputValue(), 'We will utilise the time to choose soups. Bring receipts for your expenses.');
    await changeBox.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('We will choose soups. Bring receipts for your expenses.');
    await press(page.getByRole('button', { name: 'Save the summary' }));
    await page.getByText('The summary is saved').waitFor();
    await page.getByText('We will choose soups. Bring receipts for your expenses.').waitFor();
    await context.close();

    // The member reads it with the paper, and follows a glossary word by keyboard.
    const member = await signedInPage(world, 'mo@example.com', 'Mo Member', { javaScriptEnabled: false, open: papers });
    await member.page.getByText('We will choose soups.', { exact: false }).waitFor();
    await member.page.getByRole('link', { name: 'expenses', exact: true }).focus();
    await member.page.keyboard.press('Enter');
    await member.page.getByRole('heading', { name: 'Words we use' }).waitFor();
    assert.match(member.page.url(), /\/glossary#expenses$/);
    await member.context.close();

    // With JavaScript: the advice comes a moment after typing stops; both pages pass axe.
    const js = await signedInPage(world, admin.email, admin.name, { open: papers });
    await expectAccessible(js.page, 'papers page with a summary');
    await js.page.getByRole('textbox', { name: 'What the paper is about (optional)' }).fill('We will utilise the new room.');
    await js.page.getByText('Instead of “utilise”, try “use”.').waitFor();
    await expectAccessible(js.page, 'add a paper with advice');
    await js.page.getByRole('link', { name: 'Change what it is about for Agenda' }).click();
    await js.page.getByRole('heading', { name: 'What Agenda is about' }).waitFor();
    await expectAccessible(js.page, 'change what a paper is about');
    await js.context.close();

    const learner = await signedInPage(world, admin.email, admin.name, { open: '/learn/the-jigsaw/edit' });
    await learner.page.getByRole('textbox', { name: 'The question to think about' }).fill('What was decided by stakeholders?');
    await learner.page.getByText('Instead of “stakeholders”, try “people who take part, or people it matters to”.').waitFor();
    await expectAccessible(learner.page, 'learning module editor with advice');
    await learner.context.close();
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 24 (P1, P2): an admin checks a project's purpose by keyboard with JavaScript off
// ("Check my words" shows the advice and keeps what was typed), saves it anyway, and a member
// sees the glossary words linked. With JavaScript the advice comes as the admin stops typing.
// The admin adds a word to the organisation's list. Every page passes axe.
describe('journey: plain words', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('check my words without JavaScript, advice as you type with it, the list of words, and glossary links for members', async () => {
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

    const { context, page } = await signedInPage(world, admin.email, admin.name, {
      javaScriptEnabled: false,
      open: `/projects/${project}/edit`,
    });
    const press = async (locator: ReturnType<typeof page.getByRole>) => {
      await locator.focus();
      await page.keyboard.press('Enter');
    };
    await page.getByRole('textbox', { name: 'What is it for?' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('The menu was agreed by stakeholders. Carers get time credits.');
    await press(page.getByRole('button', { name: 'Check my words' }));
    await page.getByRole('heading', { name: 'Advice on your words' }).waitFor();
    await page.getByText('Instead of “stakeholders”, try “people who take part, or people it matters to”.').waitFor();
    await page.getByText('“was agreed”').waitFor();
    assert.equal(
      await page.getByRole('textbox', { name: 'What is it for?' }).inputValue(),
      'The menu was agreed by stakeholders. Carers get time credits.',
    );
    await press(page.getByRole('button', { name: 'Save project' }));
    await page.getByRole('heading', { name: 'Better lunches' }).waitFor();
    await context.close();

    // The member reads the purpose with its glossary words linked.
    const member = await signedInPage(world, 'mo@example.com', 'Mo Member', { javaScriptEnabled: false, open: `/projects/${project}` });
    await member.page.getByRole('link', { name: 'Carers' }).focus();
    await member.page.keyboard.press('Enter');
    await member.page.getByRole('heading', { name: 'Words we use' }).waitFor();
    assert.match(member.page.url(), /\/glossary#carer$/);
    await member.context.close();

    // With JavaScript: the advice comes a moment after typing stops, from the server.
    const js = await signedInPage(world, admin.email, admin.name, { open: `/projects/${project}/edit` });
    await js.page.getByRole('textbox', { name: 'What is it for?' }).fill('We will utilise the new room.');
    await js.page.getByText('Instead of “utilise”, try “use”.').waitFor();
    await expectAccessible(js.page, 'project form with advice');
    await js.page.goto('/organisation/plain-words');
    await expectAccessible(js.page, 'words to avoid');
    await js.page.getByRole('textbox', { name: 'Word or phrase to avoid' }).fill('locality');
    await js.page.getByRole('textbox', { name: 'Plain word to use instead' }).fill('area');
    await js.page.getByRole('button', { name: 'Add the word' }).click();
    await js.page.getByText('“locality” is on the list.').waitFor();
    await js.page.getByRole('button', { name: 'Take off locality' }).click();
    await js.page.getByText('“locality” is off the list.').waitFor();
    await expectAccessible(js.page, 'words to avoid after a change');
    await js.context.close();
  });
});

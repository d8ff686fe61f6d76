import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 22 (P3): a member finds Learn on More in the menu, reads a module and marks it done
// with a reflection by keyboard with JavaScript off; staff record a group session and training for
// someone who never signs in, and print a certificate. Every page passes axe.
describe('journey: learn together', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member does a module by keyboard without JavaScript; staff record training and a certificate; every page passes axe', async () => {
    await world.person(
      { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'mo@example.com', role: 'member' },
    );
    const dennis = await world.person({ fullName: 'Dennis Whitfield', perspectives: ['carer'] });

    const { context, page } = await signedInPage(world, 'mo@example.com', 'Mo Member', { javaScriptEnabled: false, open: '/' });
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    // Learn is on More, in a member's menu.
    await press(page.getByRole('link', { name: 'More', exact: true }));
    await press(page.getByRole('link', { name: 'Learn', exact: true }));
    await page.getByRole('heading', { name: 'Learn together' }).waitFor();
    await press(page.getByRole('link', { name: 'What co-production is' }));
    await page.getByRole('heading', { name: 'Working as equals' }).waitFor();
    await page.getByRole('textbox', { name: /Something to think about/ }).focus();
    await page.keyboard.type('Being asked at the start.');
    await press(page.getByRole('button', { name: 'I have done this module' }));
    await page.getByText('Thank you. The module is marked as done.').waitFor();
    await page.getByText(/You did this module on/).waitFor();
    await press(page.getByRole('link', { name: 'Go to the next module' }));
    await page.getByRole('heading', { name: 'The four principles', level: 1 }).waitFor();
    await context.close();

    const again = await signedInPage(world, 'mo@example.com', 'Mo Member', { open: '/learn' });
    await expectAccessible(again.page, 'the modules');
    await again.page.goto('/learn/the-jigsaw');
    await expectAccessible(again.page, 'a module');
    await again.page.getByRole('textbox', { name: /Something to think about/ }).fill('x'.repeat(2001));
    await again.page.getByRole('button', { name: 'I have done this module' }).click();
    await again.page.getByRole('link', { name: 'This is too long. Please make it shorter' }).waitFor();
    await expectAccessible(again.page, 'a module with an error');
    await again.page.goto('/learn/progress');
    await expectAccessible(again.page, 'who has done which module');
    await again.page.goto('/learn/certificate');
    await again.page.getByRole('heading', { name: 'Certificate of involvement' }).waitFor();
    await expectAccessible(again.page, 'an empty certificate');
    await again.context.close();

    // Staff, by keyboard without JavaScript: a group session and a course for Dennis.
    const staffNoJs = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false, open: '/learn' });
    const sp = staffNoJs.page;
    const pressStaff = async (locator: ReturnType<typeof sp.getByRole>) => {
      await locator.focus();
      await sp.keyboard.press('Enter');
    };
    await pressStaff(sp.getByRole('link', { name: 'Record learning or training for someone' }));
    await sp.getByRole('textbox', { name: 'Name' }).focus();
    await sp.keyboard.type('Dennis');
    await pressStaff(sp.getByRole('button', { name: 'Find' }));
    await pressStaff(sp.getByRole('link', { name: 'Dennis Whitfield' }));
    await sp.getByRole('heading', { name: 'Learning and training: Dennis Whitfield' }).waitFor();
    await sp.getByRole('combobox', { name: 'Module they did' }).selectOption({ label: 'The three levels' });
    await sp.getByRole('radio', { name: 'Done in a group session' }).focus();
    await sp.keyboard.press('Space');
    await pressStaff(sp.getByRole('button', { name: 'Record the module' }));
    await sp.getByText('The module is recorded.').waitFor();
    await sp.getByRole('textbox', { name: 'Name of the course' }).focus();
    await sp.keyboard.type('Recruiting staff together');
    await sp.getByRole('textbox', { name: 'Day' }).focus();
    await sp.keyboard.type('3');
    await sp.keyboard.press('Tab');
    await sp.keyboard.type('11');
    await sp.keyboard.press('Tab');
    await sp.keyboard.type('2026');
    await sp.getByRole('textbox', { name: 'How many hours?' }).focus();
    await sp.keyboard.type('two');
    await pressStaff(sp.getByRole('button', { name: 'Add the training' }));
    await sp.getByRole('link', { name: 'Enter the hours as a number, like 2 or 1.5' }).waitFor();
    await sp.getByRole('textbox', { name: 'How many hours?' }).focus();
    await sp.keyboard.press('ControlOrMeta+A');
    await sp.keyboard.type('2');
    await pressStaff(sp.getByRole('button', { name: 'Add the training' }));
    await sp.getByText('The training is added.').waitFor();
    // He helped a neighbour for an hour through the time bank: time given, beside the training.
    const neighbour = await world.person({ fullName: 'Nell Neighbour', perspectives: ['community'] });
    const { ledger } = world.services.timebank;
    const helped = await ledger.transfer(world.staff, {
      kind: 'exchange',
      fromAccountId: await ledger.personAccountId(world.organisationId, neighbour),
      toAccountId: await ledger.personAccountId(world.organisationId, dennis),
      minutes: 60,
      memo: 'Fixed a fence',
    });
    assert.ok(helped.ok);
    await pressStaff(sp.getByRole('link', { name: 'See the certificate of involvement' }));
    await sp.getByText('Did 1 training course (2 hours)').waitFor();
    await sp.getByText('Gave 1 hour of their time').waitFor();
    await sp.getByText(/Time given means time at meetings/).waitFor();
    await staffNoJs.context.close();

    const staff = await signedInPage(world, admin.email, admin.name, { open: `/learn/people/${dennis}` });
    await expectAccessible(staff.page, 'a person’s learning');
    await staff.page.goto(`/learn/people/${dennis}/certificate`);
    await expectAccessible(staff.page, 'a certificate');
    await staff.page.goto('/learn/reflections');
    await staff.page.getByText('Being asked at the start.').waitFor();
    await expectAccessible(staff.page, 'what people wrote');
    await staff.page.goto('/learn/people?name=Dennis');
    await expectAccessible(staff.page, 'finding a person');
    await staff.page.goto('/learn/accessible-meetings/edit');
    await expectAccessible(staff.page, 'changing a module’s words');
    await staff.context.close();
  });
});

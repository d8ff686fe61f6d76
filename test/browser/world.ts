import { after, afterEach, before, beforeEach } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Db } from '../../src/db/connection.ts';
import type { Role } from '../../src/platform/auth.ts';
import type { NewPerson } from '../../src/modules/people/service.ts';
import type { Services } from '../../src/services.ts';
import { launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';
import { signIn as signInWithPassword } from './pages.ts';

// The world most browser journeys start from: one Chromium for the file, and for each test
// the real app on its own fresh database with Northshire County Council set up and its
// admin, Ada. Each test adds the people and things it needs (in a beforeEach() or in the
// test itself), so no test leans on what an earlier one did.

/** Every account made here signs in with this. */
export const password = 'a long and memorable password';
export const admin = { email: 'ada@northshire.test', name: 'Ada Admin' };

/** Signs in with the world's password and waits for the home page's greeting. */
export const signIn = (page: Page, email: string, name: string) => signInWithPassword(page, email, password, name);

/**
 * How most journeys begin: a fresh browser context and page, signed in with the world's
 * password (waiting for the greeting), then at `open` when given. The context comes back
 * too, for the journey to close.
 */
export async function signedInPage(
  world: BrowserWorld,
  email: string,
  name: string,
  opts: { open?: string; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.context({ javaScriptEnabled: opts.javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email, name);
  if (opts.open) await page.goto(opts.open);
  return { context, page };
}

export type BrowserWorld = {
  running: RunningApp;
  browser: Browser;
  services: Services;
  db: Db;
  organisationId: string;
  adminPersonId: string;
  /** The admin, as services want an actor. */
  staff: { organisationId: string; personId: string };
  /** A person in the organisation; with an account (a member unless said) they can sign in with the world's password. */
  person(
    input: Partial<NewPerson> & Pick<NewPerson, 'fullName' | 'perspectives'>,
    account?: { email: string; role?: Role },
  ): Promise<string>;
  /** A fresh browser context (London time, English) on the app. */
  context(opts?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
};

/**
 * Call at the top of a describe(): launches the browser once, and gives each test a new
 * app, database and organisation, closed after it. Its fields are filled in before each
 * test, so use them in hooks and tests, not while the describe is being defined.
 */
export function browserWorld(): BrowserWorld {
  const world = {} as BrowserWorld;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const running = await startApp();
    const { services, db } = running;
    await services.organisations.setUp({
      organisationName: 'Northshire County Council',
      area: 'Northshire',
      adminName: admin.name,
      email: admin.email,
      password,
    });
    const org = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const account = await db.selectFrom('accounts').select('person_id').where('email', '=', admin.email).executeTakeFirstOrThrow();
    const staff = { organisationId: org.id, personId: account.person_id };
    Object.assign(world, {
      running,
      browser,
      services,
      db,
      organisationId: org.id,
      adminPersonId: account.person_id,
      staff,
      async person(input, account) {
        const id = await services.people.create(staff, account && !input.email ? { ...input, email: account.email } : input);
        if (account)
          await db.transaction().execute((trx) =>
            services.identity.createAccount(trx, {
              organisationId: org.id,
              personId: id,
              email: account.email,
              role: account.role ?? 'member',
              password,
            }),
          );
        return id;
      },
      context: (opts = {}) => newContext(browser, running.baseUrl, opts),
    } satisfies BrowserWorld);
  });
  afterEach(async () => {
    await world.running?.close();
  });
  return world;
}

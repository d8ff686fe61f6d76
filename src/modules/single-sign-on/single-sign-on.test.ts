import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { generate } from 'otplib';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient, testPassword } from '../../../test/helpers/fixtures.ts';
import { ProviderBrowser, providerClient, startIdentityProvider } from '../../../test/helpers/identity-provider.ts';

const appOrigin = 'http://localhost:3000';
const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/g, '/')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

for (const dialect of databaseDialects()) {
  describe(`signing in with the organisation's account (${dialect})`, () => {
    let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
    let t: TestApp;
    let admin: Client;

    before(async () => {
      idp = await startIdentityProvider(`${appOrigin}/sign-in/sso/callback`);
      idp.addPerson('ada', { email: 'admin@northshire.test', password: 'ada at the provider', emailVerified: true, amr: ['pwd'] });
      idp.addPerson('fay', { email: 'fay@northshire.test', password: 'fay at the provider', emailVerified: true, amr: ['pwd', 'mfa'] });
      idp.addPerson('una', { email: 'una@northshire.test', password: 'una at the provider', emailVerified: false, amr: ['pwd'] });
      idp.addPerson('sam', { email: 'sam@northshire.test', password: 'sam at the provider', emailVerified: true, amr: ['pwd'] });
      idp.addPerson('mo', { email: 'mo@northshire.test', password: 'mo at the provider', emailVerified: true, amr: ['pwd'] });
    });
    after(() => idp.close());

    beforeEach(async () => {
      for (const person of idp.people.values()) person.disabled = false;
      t = await makeTestApp({ dialect, env: { SSO_ALLOW_HTTP_ISSUER: 'true', PUBLIC_URL: appOrigin } });
      const org = await organisationWithAdmin(t);
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Facilitator' },
        { email: 'fay@northshire.test', role: 'facilitator' },
      );
      await personWithAccount(t, org.organisationId, { fullName: 'Una Unverified' }, { email: 'una@northshire.test', role: 'facilitator' });
      await personWithAccount(t, org.organisationId, { fullName: 'Mo Member' }, { email: 'mo@northshire.test', role: 'member' });
      admin = await signedInClient(t, 'admin@northshire.test');
      await saveProvider({});
    });
    afterEach(() => t.close());

    async function saveProvider(extra: Record<string, string>) {
      await admin.get('/organisation/sign-in');
      const res = await admin.post('/organisation/sign-in/provider', {
        enabled: 'yes',
        issuer: idp.issuer,
        clientId: providerClient.clientId,
        clientSecret: providerClient.clientSecret,
        emailDomain: 'northshire.test',
        ...extra,
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      return res;
    }

    /** The whole authorization code flow, as a browser: the app, the provider's sign-in form, and back. */
    async function signInThroughProvider(email: string, password: string) {
      const client = new Client(t.app);
      const signIn = await client.get('/sign-in');
      assert.match(signIn.body, /href="\/sign-in\/sso"/);
      await client.get('/sign-in/sso');
      const started = await client.post('/sign-in/sso', { email });
      assert.equal(started.headers.location, '/sign-in/sso/continue');
      const page = await client.get('/sign-in/sso/continue');
      const href = /href="([^"]+)"[^>]*role="button"|role="button"[^>]*href="([^"]+)"/.exec(page.body);
      const authorizationUrl = unescapeHtml(href?.[1] ?? href?.[2] ?? '');
      assert.ok(authorizationUrl.startsWith(idp.issuer), authorizationUrl);
      const url = new URL(authorizationUrl);
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(url.searchParams.get('state') && url.searchParams.get('nonce'));
      const outcome = await new ProviderBrowser().signIn(authorizationUrl, email, password, appOrigin);
      if (!outcome.backToApp) return { client, outcome, back: null };
      const back = await client.get(outcome.backToApp.slice(appOrigin.length));
      return { client, outcome, back };
    }

    test('signs in the staff account with the verified email, and the client secret is never shown back', async () => {
      const settings = await admin.get('/organisation/sign-in');
      assert.doesNotMatch(settings.body, new RegExp(providerClient.clientSecret));
      assert.match(settings.body, /A secret is stored/);
      const stored = await t.database.db.selectFrom('sign_in_settings').select('sso_sealed_client_secret').executeTakeFirstOrThrow();
      assert.ok(!stored.sso_sealed_client_secret!.includes(providerClient.clientSecret));

      const { client, back } = await signInThroughProvider('admin@northshire.test', 'ada at the provider');
      assert.equal(back!.statusCode, 303, /<p class="govuk-body">([^<]+)/.exec(back!.body)?.[1]);
      assert.equal(back!.headers.location, '/');
      const home = await client.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Hello, Ada Admin/);
    });

    test('a code or state not from this sign-in is refused', async () => {
      const { client, outcome } = await (async () => {
        const c = new Client(t.app);
        await c.get('/sign-in/sso');
        await c.post('/sign-in/sso', { email: 'admin@northshire.test' });
        const page = await c.get('/sign-in/sso/continue');
        const url = unescapeHtml(/href="(http:\/\/127[^"]+)"/.exec(page.body)![1]!);
        return { client: c, outcome: await new ProviderBrowser().signIn(url, 'admin@northshire.test', 'ada at the provider', appOrigin) };
      })();
      const tampered = outcome.backToApp!.replace(/state=[^&]+/, 'state=not-the-state');
      const res = await client.get(tampered.slice(appOrigin.length));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Something went wrong/);
      assert.equal((await client.get('/account')).statusCode, 303);
    });

    test('an email the provider has not verified is refused', async () => {
      const { client, back } = await signInThroughProvider('una@northshire.test', 'una at the provider');
      assert.equal(back!.statusCode, 403);
      assert.match(back!.body, /did not say that your email address is checked/);
      assert.equal((await client.get('/account')).statusCode, 303);
    });

    test('an email with no staff account here is refused, and so is a member', async () => {
      const unknown = await signInThroughProvider('sam@northshire.test', 'sam at the provider');
      assert.equal(unknown.back!.statusCode, 403);
      assert.match(unknown.back!.body, /There is no staff account here/);
      const member = await signInThroughProvider('mo@northshire.test', 'mo at the provider');
      assert.equal(member.back!.statusCode, 403);
    });

    test('an address at a domain no organisation uses is told so, whatever the address', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in/sso');
      const res = await client.post('/sign-in/sso', { email: 'someone@elsewhere.test' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /No organisation here signs in its staff/);
      assert.match(res.body, /value="someone@elsewhere.test"/);
      // A domain that is known answers the same for an address with an account and one without.
      const a = await client.post('/sign-in/sso', { email: 'nobody@northshire.test' });
      assert.equal(a.headers.location, '/sign-in/sso/continue');
    });

    test('a person turned off at the provider is refused by it; with sign-in by provider only, no password either', async () => {
      const fay = idp.people.get('fay')!;
      fay.disabled = true;
      const { client, back } = await signInThroughProvider('fay@northshire.test', 'fay at the provider');
      assert.equal(back!.statusCode, 403);
      assert.match(back!.body, /did not let you sign in/);
      assert.equal((await client.get('/account')).statusCode, 303);

      // "Only through the provider" needs the admin to have come in that way first.
      const refused = await admin.post('/organisation/sign-in/provider', {
        enabled: 'yes',
        issuer: idp.issuer,
        clientId: providerClient.clientId,
        emailDomain: 'northshire.test',
        ssoOnly: 'yes',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Sign in with your organisation account first/);
      const ada = await signInThroughProvider('admin@northshire.test', 'ada at the provider');
      admin = ada.client;
      await saveProvider({ ssoOnly: 'yes', clientSecret: '' });

      const withPassword = new Client(t.app);
      await withPassword.get('/sign-in');
      const res = await withPassword.post('/sign-in', { email: 'fay@northshire.test', password: testPassword });
      assert.equal(res.headers.location, '/sign-in/sso?staff=only');
      assert.equal((await withPassword.get('/account')).statusCode, 303);
      // Members still sign in as before.
      const mo = new Client(t.app);
      await mo.get('/sign-in');
      assert.equal((await mo.post('/sign-in', { email: 'mo@northshire.test', password: testPassword })).headers.location, '/');
    });

    test("the provider's own two-step sign-in (amr) counts only when the organisation accepts it", async () => {
      await admin.get('/organisation/sign-in');
      await admin.post('/organisation/sign-in/two-step', { twoStepRequired: 'yes' });
      // Fay's provider says she used two steps (amr includes mfa): not accepted yet, so she sets up the app here.
      const notAccepted = await signInThroughProvider('fay@northshire.test', 'fay at the provider');
      assert.equal(notAccepted.back!.headers.location, '/account/two-step');
      assert.equal((await notAccepted.client.get('/people')).headers.location, '/account/two-step');

      admin = await (async () => {
        const c = new Client(t.app);
        await c.get('/sign-in');
        await c.post('/sign-in', { email: 'admin@northshire.test', password: testPassword });
        const page = await c.get('/account/two-step');
        const key = /<code class="app-key"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
        await c.post('/account/two-step', { code: await generate({ secret: key, epoch: Math.floor(t.now().getTime() / 1000) }) });
        return c;
      })();
      await saveProvider({ acceptProviderTwoStep: 'yes', clientSecret: '' });
      const accepted = await signInThroughProvider('fay@northshire.test', 'fay at the provider');
      assert.equal(accepted.back!.headers.location, '/');
      assert.equal((await accepted.client.get('/people')).statusCode, 200);
      // Ada's provider sign-in was a password only: accepted or not, it does not meet the rule.
      const ada = await signInThroughProvider('admin@northshire.test', 'ada at the provider');
      assert.equal(ada.back!.headers.location, '/sign-in/two-step');
    });

    test('settings are checked: a provider that does not answer, a domain in the wrong form, admins only', async () => {
      await admin.get('/organisation/sign-in');
      const bad = await admin.post('/organisation/sign-in/provider', {
        enabled: 'yes',
        issuer: 'http://127.0.0.1:9/nothing-here',
        clientId: 'x',
        emailDomain: 'not a domain',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the domain only/);
      assert.match(bad.body, /value="not a domain"/);
      const unreachable = await admin.post('/organisation/sign-in/provider', {
        enabled: 'yes',
        issuer: 'http://127.0.0.1:9/nothing-here',
        clientId: 'x',
        emailDomain: 'northshire.test',
      });
      assert.match(unreachable.body, /We could not find an OpenID Connect provider/);
      const fay = await signedInClient(t, 'fay@northshire.test');
      assert.equal((await fay.get('/organisation/sign-in')).statusCode, 403);
    });
  });
}

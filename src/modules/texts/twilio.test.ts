import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, testConfig, type TestApp } from '../../../test/helpers/test-app.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../../../test/helpers/fixtures.ts';
import { ConfigError } from '../../config.ts';
import { makeDelivery } from '../../platform/delivery/delivery.ts';
import { PermanentFailure } from '../../platform/delivery/permanent-failure.ts';
import { twilioSignature } from '../../platform/delivery/twilio.ts';
import { newId } from '../../platform/ids.ts';

const sid = `AC${'a1'.repeat(16)}`;
const token = 'f'.repeat(32);
const twilioEnv = (url: string) => ({
  TWILIO_ACCOUNT_SID: sid,
  TWILIO_AUTH_TOKEN: token,
  TWILIO_FROM: '+447900900123',
  TWILIO_BASE_URL: url,
});

/** Stands in for Twilio's Messages API: checks basic auth and the form, answers as Twilio does. */
async function startFakeTwilio() {
  const posted: Array<{ path: string; form: Record<string, string> }> = [];
  const state = { failWith: 0 };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`) {
        res.statusCode = 401;
        res.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
        return;
      }
      posted.push({ path: req.url ?? '', form: Object.fromEntries(new URLSearchParams(raw)) });
      if (state.failWith) {
        res.statusCode = state.failWith;
        res.end(JSON.stringify({ code: 21211, message: "The 'To' number is not a valid phone number.", status: state.failWith }));
        return;
      }
      res.statusCode = 201;
      res.end(JSON.stringify({ sid: `SM${'0'.repeat(32)}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, posted, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('two SMS providers at once, or half of Twilio, refuse to start', () => {
  assert.throws(
    () =>
      testConfig({
        ...twilioEnv('http://x.test'),
        NOTIFY_API_KEY: 'k'.repeat(30),
        NOTIFY_EMAIL_TEMPLATE_ID: newId(),
        NOTIFY_TEXT_TEMPLATE_ID: newId(),
      }),
    (e: Error) => e instanceof ConfigError && /not both/.test(e.message),
  );
  assert.throws(() => testConfig({ TWILIO_ACCOUNT_SID: sid }), /needed together/);
  assert.throws(() => testConfig({ ...twilioEnv('http://x.test'), TWILIO_FROM: '07900' }), /TWILIO_FROM/);
});

describe('Twilio sends texts', () => {
  let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
  before(async () => {
    twilio = await startFakeTwilio();
  });
  after(() => twilio.close());

  test('a text goes by Twilio with basic auth and a form; email stays with the mail server', async () => {
    const delivery = makeDelivery(testConfig({ ...twilioEnv(twilio.url), SMTP_URL: 'smtp://127.0.0.1:1' }))!;
    assert.deepEqual([...delivery.channels].sort(), ['email', 'text']);
    await delivery.send({ id: newId(), channel: 'text', to: '07700 900123', subject: 'S', text: 'Meeting tomorrow', attachments: [] });
    assert.deepEqual(twilio.posted.at(-1), {
      path: `/2010-04-01/Accounts/${sid}/Messages.json`,
      form: { To: '+447700900123', Body: 'Meeting tomorrow', From: '+447900900123' },
    });
    twilio.state.failWith = 400;
    await assert.rejects(
      delivery.send({ id: newId(), channel: 'text', to: '07700 900123', subject: 'S', text: 'B', attachments: [] }),
      (e: Error) => e instanceof PermanentFailure && /Twilio 400: The 'To' number is not a valid phone number/.test(e.message),
    );
    twilio.state.failWith = 503;
    await assert.rejects(
      delivery.send({ id: newId(), channel: 'text', to: '07700 900123', subject: 'S', text: 'B', attachments: [] }),
      (e: Error) => !(e instanceof PermanentFailure) && /Twilio 503/.test(e.message),
    );
    twilio.state.failWith = 0;
  });

  test('a Twilio that never answers times out, to be tried again', { timeout: 10_000 }, async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const config = testConfig(twilioEnv(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`));
    config.sms!.timeoutMs = 200;
    await assert.rejects(
      makeDelivery(config)!.send({ id: newId(), channel: 'text', to: '07700 900123', subject: 'S', text: 'B', attachments: [] }),
      (e: Error) => !(e instanceof PermanentFailure) && /did not answer within 0.2 seconds/.test(e.message),
    );
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});

for (const dialect of databaseDialects()) {
  describe(`Twilio's webhook for texts people send (${dialect})`, () => {
    let t: TestApp;
    let personId: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, env: twilioEnv('http://127.0.0.1:9') });
      const org = await organisationWithAdmin(t);
      personId = (await personWithAccount(t, org.organisationId, { fullName: 'Pat Member', mobile: '07700 900444' })).personId;
    });
    afterEach(() => t.close());

    const post = (params: Record<string, string>, signature: string) =>
      t.app.inject({
        method: 'POST',
        url: '/texts/twilio',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        payload: new URLSearchParams(params).toString(),
      });

    test('a signed text is taken once; a badly signed one is refused', async () => {
      const params = { AccountSid: sid, MessageSid: `SM${'b2'.repeat(16)}`, From: '+447700900444', To: '+447900900123', Body: 'Stop' };
      const url = 'http://localhost:3000/texts/twilio';
      const forged = await post({ ...params, Body: 'yes' }, twilioSignature(token, url, Object.entries(params)));
      assert.equal(forged.statusCode, 403);
      assert.equal((await post(params, '')).statusCode, 403);
      assert.equal((await t.database.db.selectFrom('received_texts').selectAll().execute()).length, 0);

      const signature = twilioSignature(token, url, Object.entries(params));
      const ok = await post(params, signature);
      assert.equal(ok.statusCode, 200);
      assert.match(ok.headers['content-type'] as string, /text\/xml/);
      assert.equal((await post(params, signature)).statusCode, 200);
      const rows = await t.database.db.selectFrom('received_texts').selectAll().execute();
      assert.deepEqual(
        rows.map((r) => [r.provider, r.person_id, r.outcome, r.to_number]),
        [['twilio', personId, 'stopped', '+447900900123']],
      );
      assert.ok((await t.services.people.get(rows[0]!.organisation_id!, personId)).optedOut.includes('text'));
    });

    test('with several organisations, a text from an unknown number goes to the organisation whose number it was sent to', async () => {
      const riverside = await anotherOrganisation(t);
      await t.services.organisations.setReplyContact(
        { organisationId: riverside.organisationId, personId: riverside.adminPersonId },
        { phone: '07900 900777', address: null },
      );
      const url = 'http://localhost:3000/texts/twilio';
      const send = async (n: string, to: string, body: string) => {
        const params = { AccountSid: sid, MessageSid: `SM${n.repeat(32)}`, From: '+447700900999', To: to, Body: body };
        assert.equal((await post(params, twilioSignature(token, url, Object.entries(params)))).statusCode, 200);
      };
      await send('c', '+447900900777', 'Is the garden open?');
      await send('d', '+447900900123', 'Who is this?');
      const rows = await t.database.db
        .selectFrom('received_texts')
        .select(['body', 'organisation_id', 'person_id'])
        .orderBy('body')
        .execute();
      assert.deepEqual(rows, [
        { body: 'Is the garden open?', organisation_id: riverside.organisationId, person_id: null },
        { body: 'Who is this?', organisation_id: null, person_id: null },
      ]);
    });
  });
}

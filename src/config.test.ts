import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('starts with no configuration at all: SQLite under data/, port 3000', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, 'localhost');
  assert.deepEqual(c.database, { kind: 'sqlite', file: path.resolve('data/coproduce.sqlite') });
  assert.equal(c.sessionSecret, undefined);
  assert.equal(c.secureCookies, false);
  assert.equal(c.publicUrl, 'http://localhost:3000');
  assert.equal(c.smtpUrl, undefined);
});

test('DATABASE_URL switches to PostgreSQL', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/coproduce' });
  assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@db.example:5432/coproduce', namedStatements: true });
  const pooled = loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/coproduce', DATABASE_NAMED_STATEMENTS: 'off' });
  assert.equal(pooled.database.kind === 'postgres' && pooled.database.namedStatements, false);
});

test('an https public address turns on secure cookies unless told otherwise', () => {
  assert.equal(loadConfig({ PUBLIC_URL: 'https://coproduce.example.org/' }).secureCookies, true);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://coproduce.example.org/' }).publicUrl, 'https://coproduce.example.org');
  assert.equal(loadConfig({ PUBLIC_URL: 'https://x.example', SECURE_COOKIES: 'false' }).secureCookies, false);
});

test('bad values are refused with every problem named', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ DATABASE_NAMED_STATEMENTS: 'yes' }, /DATABASE_NAMED_STATEMENTS/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SMTP_URL: 'mail' }, /SMTP_URL/],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && message.test(err.message),
      JSON.stringify(env),
    );
  }
});

test('NOTIFY_TIMEOUT_SECONDS: 15 seconds unless set, 1 to 120', () => {
  const notify = { NOTIFY_API_KEY: `key-${'a'.repeat(73)}`, NOTIFY_EMAIL_TEMPLATE_ID: 'f33517ff-2a88-4f6e-b855-c550268ce08a' };
  const timeoutOf = (env: Record<string, string>) => {
    const delivery = loadConfig({ ...notify, ...env }).delivery;
    return delivery.kind === 'notify' ? delivery.timeoutMs : undefined;
  };
  assert.equal(timeoutOf({}), 15_000);
  assert.equal(timeoutOf({ NOTIFY_TIMEOUT_SECONDS: '5' }), 5_000);
  for (const bad of ['0', '121', 'soon']) {
    assert.throws(
      () => loadConfig({ ...notify, NOTIFY_TIMEOUT_SECONDS: bad }),
      (err: unknown) => err instanceof ConfigError && /NOTIFY_TIMEOUT_SECONDS/.test(err.message),
      bad,
    );
  }
});

test('SESSION_MAX_HOURS: a session lasts 12 hours after sign-in unless set, 1 to 168', () => {
  assert.equal(loadConfig({}).sessionMaxHours, 12);
  assert.equal(loadConfig({ SESSION_MAX_HOURS: '8' }).sessionMaxHours, 8);
  for (const bad of ['0', '169', 'a day', '1.5']) {
    assert.throws(
      () => loadConfig({ SESSION_MAX_HOURS: bad }),
      (err: unknown) => err instanceof ConfigError && /SESSION_MAX_HOURS/.test(err.message),
      bad,
    );
  }
});

test('the warning never comes before the session starts', () => {
  assert.equal(loadConfig({ SESSION_IDLE_MINUTES: '3', SESSION_WARNING_MINUTES: '5' }).sessionWarningMinutes, 3);
});

test('TRUST_PROXY: nobody by default, else a number of proxies or their addresses', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy, ['10.0.0.5', '10.1.0.0/16', '::1']);
  for (const bad of ['true', 'everyone', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/8']) {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: bad }),
      (err: unknown) => err instanceof ConfigError && /TRUST_PROXY/.test(err.message),
      bad,
    );
  }
});

test("TEST_NOW moves the tests' clock and must be a time", async () => {
  const { testNow } = await import('./config.ts');
  assert.equal(testNow({}).toISOString(), '2026-11-23T10:00:00.000Z');
  assert.equal(testNow({ TEST_NOW: '2027-11-23T10:00:00Z' }).toISOString(), '2027-11-23T10:00:00.000Z');
  assert.throws(() => testNow({ TEST_NOW: 'next year' }), ConfigError);
});

import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// The only module that reads process.env: everything else receives a typed Config.
const minutes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(fallback);

/**
 * Which proxy in front of the app may say who the client is (X-Forwarded-For): nobody by
 * default, else how many proxies (hops) or their addresses. Trusting everyone would let any
 * client pick its own address and walk past the sign-in rate limit.
 */
const trustProxy = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx): false | number | string[] => {
    if (v === '' || v === 'false' || v === '0') return false;
    if (/^\d+$/.test(v)) return Math.min(Number(v), 10);
    const list = v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const bad = list.find((a) => {
      const [address, bits, ...rest] = a.split('/');
      if (rest.length > 0 || !isIP(address ?? '')) return true;
      return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (isIP(address!) === 4 ? 32 : 128));
    });
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not a number of proxies, an IP address or a range such as 10.0.0.0/8` });
      return z.NEVER;
    }
    return list;
  });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_NAMED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  DATA_DIR: z.string().min(1).default('data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: minutes(60),
  SESSION_WARNING_MINUTES: minutes(5),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: trustProxy,
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Coproduce <no-reply@localhost>'),
  NOTIFY_API_KEY: z.string().min(20, 'NOTIFY_API_KEY looks too short').optional(),
  NOTIFY_EMAIL_TEMPLATE_ID: z.string().uuid().optional(),
  NOTIFY_TEXT_TEMPLATE_ID: z.string().uuid().optional(),
  NOTIFY_LETTER_TEMPLATE_ID: z.string().uuid().optional(),
  NOTIFY_BASE_URL: z.string().url().optional(),
  NOTIFY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'TWILIO_ACCOUNT_SID is AC followed by 32 hexadecimal characters')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'TWILIO_AUTH_TOKEN looks too short').optional(),
  TWILIO_FROM: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, 'TWILIO_FROM is a number such as +447700900123 or a messaging service id (MG...)')
    .optional(),
  TWILIO_BASE_URL: z.string().url().optional(),
  TWILIO_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  RECEIVED_TEXTS_POLL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  FILES_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
  PAPERS_NOTICE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  REMINDER_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  SIGN_IN_LINK_MINUTES: minutes(30),
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(10),
  OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TEST_DATABASE_URL: z.string().url().optional(),
  TEST_NOW: z.string().datetime({ offset: true }).optional(),
  /** Lets an identity provider's issuer be plain http (a provider started by the tests, or on a laptop); never in production. */
  SSO_ALLOW_HTTP_ISSUER: z.enum(['true', 'false']).default('false'),
});

/** Where messages go. Local keeps every message in the app, for development and demos. */
export type DeliveryConfig =
  | { kind: 'local' }
  | { kind: 'smtp'; url: string }
  | {
      kind: 'notify';
      apiKey: string;
      baseUrl: string | undefined;
      templates: { email: string; text: string | undefined; letter: string | undefined };
      /** How long to wait for Notify's answer; in milliseconds so tests can wait less than a second. */
      timeoutMs: number;
    };

/** A provider that sends (and receives) texts only, beside the delivery for email and letters. */
export type SmsConfig = {
  kind: 'twilio';
  accountSid: string;
  authToken: string;
  /** A phone number (+44...) or a messaging service id (MG...). */
  from: string;
  baseUrl: string;
  timeoutMs: number;
};

export type Config = {
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; namedStatements: boolean };
  dataDir: string;
  sessionSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionWarningMinutes: number;
  /** A session ends this long after signing in, however busy (the idle timeout ends it sooner). */
  sessionMaxHours: number;
  secureCookies: boolean;
  /** false, a number of proxy hops, or the proxies' addresses and ranges. */
  trustProxy: false | number | string[];
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  delivery: DeliveryConfig;
  /** Texts by a provider other than Notify (Twilio); null when texts go by Notify or not at all. */
  sms: SmsConfig | null;
  /** How often to ask Notify for texts people sent back. */
  receivedTextsPollSeconds: number;
  filesDir: string;
  maxUploadBytes: number;
  papersNoticeDays: number;
  reminderDays: number;
  signInLinkMinutes: number;
  signInRateLimit: number;
  outboxPollSeconds: number;
  /** Worker processes serving requests (node:cluster); background jobs run in the first only. */
  webConcurrency: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Whether an organisation's identity provider may be at an http:// address (tests and development only). */
  ssoAllowHttpIssuer: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const delivery = deliveryFrom(e);
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, namedStatements: e.DATABASE_NAMED_STATEMENTS === 'on' }
      : { kind: 'sqlite', file: path.join(dataDir, 'coproduce.sqlite') },
    dataDir,
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionWarningMinutes: Math.min(e.SESSION_WARNING_MINUTES, e.SESSION_IDLE_MINUTES),
    sessionMaxHours: e.SESSION_MAX_HOURS,
    // Secure cookies whenever the public address is https, unless told otherwise.
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : publicUrl.startsWith('https:'),
    trustProxy: e.TRUST_PROXY,
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    delivery,
    sms: smsFrom(e),
    receivedTextsPollSeconds: e.RECEIVED_TEXTS_POLL_SECONDS,
    filesDir: e.FILES_DIR ? path.resolve(e.FILES_DIR) : path.join(dataDir, 'files'),
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    papersNoticeDays: e.PAPERS_NOTICE_DAYS,
    reminderDays: e.REMINDER_DAYS,
    signInLinkMinutes: e.SIGN_IN_LINK_MINUTES,
    signInRateLimit: e.SIGN_IN_RATE_LIMIT,
    outboxPollSeconds: e.OUTBOX_POLL_SECONDS,
    webConcurrency: e.WEB_CONCURRENCY,
    logLevel: e.LOG_LEVEL,
    ssoAllowHttpIssuer: e.SSO_ALLOW_HTTP_ISSUER === 'true',
  };
}

function deliveryFrom(e: z.infer<typeof envSchema>): DeliveryConfig {
  if (e.SMTP_URL && e.NOTIFY_API_KEY) throw new ConfigError('Invalid configuration:\n  Set SMTP_URL or NOTIFY_API_KEY, not both');
  if (e.NOTIFY_API_KEY) {
    if (!e.NOTIFY_EMAIL_TEMPLATE_ID)
      throw new ConfigError('Invalid configuration:\n  NOTIFY_EMAIL_TEMPLATE_ID is needed with NOTIFY_API_KEY');
    return {
      kind: 'notify',
      apiKey: e.NOTIFY_API_KEY,
      baseUrl: e.NOTIFY_BASE_URL,
      templates: { email: e.NOTIFY_EMAIL_TEMPLATE_ID, text: e.NOTIFY_TEXT_TEMPLATE_ID, letter: e.NOTIFY_LETTER_TEMPLATE_ID },
      timeoutMs: e.NOTIFY_TIMEOUT_SECONDS * 1000,
    };
  }
  if (e.SMTP_URL) return { kind: 'smtp', url: e.SMTP_URL };
  return { kind: 'local' };
}

/** Twilio for texts, when its three settings are given; never beside Notify's own texts. */
function smsFrom(e: z.infer<typeof envSchema>): SmsConfig | null {
  const given = [e.TWILIO_ACCOUNT_SID, e.TWILIO_AUTH_TOKEN, e.TWILIO_FROM].filter(Boolean).length;
  if (given === 0) return null;
  if (given < 3)
    throw new ConfigError('Invalid configuration:\n  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are needed together');
  if (e.NOTIFY_TEXT_TEMPLATE_ID)
    throw new ConfigError(
      'Invalid configuration:\n  Set NOTIFY_TEXT_TEMPLATE_ID or TWILIO_ACCOUNT_SID, not both: texts go by one provider',
    );
  return {
    kind: 'twilio',
    accountSid: e.TWILIO_ACCOUNT_SID!,
    authToken: e.TWILIO_AUTH_TOKEN!,
    from: e.TWILIO_FROM!,
    baseUrl: (e.TWILIO_BASE_URL ?? 'https://api.twilio.com').replace(/\/$/, ''),
    timeoutMs: e.TWILIO_TIMEOUT_SECONDS * 1000,
  };
}

/** PostgreSQL for the database tests, when the environment names one. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return envSchema.shape.TEST_DATABASE_URL.safeParse(env.TEST_DATABASE_URL).data;
}

/**
 * The moment the tests take as "now". Fixed, so no test depends on the day it runs;
 * TEST_NOW moves it (for example a year ahead) to show that nothing expires.
 */
export function testNow(env: NodeJS.ProcessEnv = process.env): Date {
  const parsed = envSchema.shape.TEST_NOW.safeParse(env.TEST_NOW);
  if (!parsed.success)
    throw new ConfigError(
      `Invalid configuration:\n  TEST_NOW: ${parsed.error.issues[0]?.message} (use an ISO time such as 2027-11-23T10:00:00Z)`,
    );
  return new Date(parsed.data ?? '2026-11-23T10:00:00Z');
}

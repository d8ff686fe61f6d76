// For tests only: a local stand-in for GOV.UK Notify's received text messages
// (GET /v2/received-text-messages): newest first, a page of `pageSize`, older_than paging,
// and a 403 unless the bearer token was issued for our service. It keeps every request's
// path in `requests` so a test can see how many pages the app asked for.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '../../src/platform/ids.ts';

export const notifyServiceId = '26785a09-ab16-4eb0-8407-a37497a57506';
/** The environment that points the app at the stand-in. */
export const notifyEnv = (url: string) => ({
  NOTIFY_API_KEY: `coproduce_test-${notifyServiceId}-3d844edf-8d35-48ac-975b-e847b4f122b0`,
  NOTIFY_BASE_URL: url,
  NOTIFY_EMAIL_TEMPLATE_ID: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
});

type NotifyText = { id: string; user_number: string; notify_number: string; created_at: string; service_id: string; content: string };

export async function startFakeNotifyTexts(pageSize = 2) {
  const texts: NotifyText[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    let iss: string;
    try {
      iss = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: string }).iss ?? '';
    } catch {
      iss = '';
    }
    if (iss !== notifyServiceId) {
      res.statusCode = 403;
      res.end(JSON.stringify({ errors: [{ error: 'AuthError', message: 'Invalid token' }], status_code: 403 }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const newest = [...texts].reverse();
    const olderThan = url.searchParams.get('older_than');
    const from = olderThan ? newest.findIndex((x) => x.id === olderThan) + 1 : 0;
    const page = newest.slice(from, from + pageSize);
    res.end(
      JSON.stringify({
        received_text_messages: page,
        links: { current: req.url, next: page.length ? `?older_than=${page.at(-1)!.id}` : null },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let minute = 0;
  /** `to` is our number the text was sent to; returns the text's Notify id. */
  const receive = (from: string, content: string, to = '07900900123') => {
    const id = newId();
    minute++;
    texts.push({
      id,
      user_number: from,
      notify_number: to,
      created_at: `2026-11-23T09:${String(minute).padStart(2, '0')}:00.000000Z`,
      service_id: notifyServiceId,
      content,
    });
    return id;
  };
  return { url, texts, requests, receive, close: () => new Promise<void>((r) => server.close(() => r())) };
}

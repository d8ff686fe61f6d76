import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * Talks to the app as a browser would over app.inject: keeps cookies, and reads the CSRF
 * token from the last page it fetched so forms post with it (CSRF stays on in tests).
 */
export class Client {
  private cookies = new Map<string, string>();
  csrf = '';
  last?: LightMyRequestResponse;

  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      // The app sets no expiry but the one that clears a cookie: the start of 1970.
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    this.last = res;
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a form. Arrays become repeated fields, as checkboxes send them. */
  async post(
    url: string,
    form: Record<string, string | string[] | undefined> = {},
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { ...opts.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** Posts a multipart form with one file, as a file upload field sends it. */
  async upload(url: string, field: string, file: { name: string; type: string; content: string }, fields: Record<string, string> = {}) {
    const boundary = '----coproduce-test-boundary';
    const parts = [['_csrf', this.csrf], ...Object.entries(fields)].map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`,
    );
    parts.push(`--${boundary}--\r\n`);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: parts.join(''),
      }),
    );
  }

  /** Any request, with this browser's cookies: for bodies no form would send. */
  async raw(method: string, url: string, headers: Record<string, string>, payload?: string) {
    return this.remember(
      await this.app.inject({ method: method as 'POST', url, headers: { ...headers, cookie: this.cookieHeader() }, payload }),
    );
  }

  /** Loads a page first so its CSRF token is fresh, then posts the form. */
  async submit(pageUrl: string, actionUrl: string, form: Record<string, string | string[] | undefined>) {
    await this.get(pageUrl);
    return this.post(actionUrl, form);
  }
}

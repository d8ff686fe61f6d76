import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on a local port, for tests of signing in
 * with an organisation's account: discovery, the authorization code flow with PKCE, signed
 * ID tokens. Its people sign in on a plain form with their email and password; a person
 * turned off is refused there, as Entra ID or Google would refuse someone removed.
 */
export type ProviderPerson = {
  email: string;
  password: string;
  emailVerified: boolean;
  /** How they signed in, as the ID token's amr claim says (RFC 8176): ['pwd'] or ['pwd', 'mfa']. */
  amr: string[];
  disabled?: boolean;
};

export const providerClient = { clientId: 'coproduce-test', clientSecret: 'a-client-secret-that-is-long-enough-for-hs256-and-more' };

export async function startIdentityProvider(redirectUri: string) {
  const people = new Map<string, ProviderPerson>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: providerClient.clientId,
        client_secret: providerClient.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    async findAccount(_ctx, sub) {
      const person = people.get(sub);
      if (!person || person.disabled) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: person.email, email_verified: person.emailVerified }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-provider-cookie-key'] },
    pkce: { required: () => true },
  });
  const oidcCallback = provider.callback();

  const page = (uid: string, message = '') =>
    `<!doctype html><html lang="en"><title>Provider sign-in</title><h1>Sign in</h1><p>${message}</p>` +
    `<form method="post" action="/interaction/${uid}"><label>Email <input name="email"></label>` +
    `<label>Password <input name="password" type="password"></label><button>Sign in</button></form></html>`;

  server.on('request', (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!match) return void oidcCallback(req, res);
    const uid = match[1]!;
    void (async () => {
      if (req.method === 'GET') {
        await provider.interactionDetails(req, res);
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(uid));
        return;
      }
      const body = new URLSearchParams(
        await new Promise<string>((resolve) => {
          let text = '';
          req.on('data', (c: Buffer) => (text += c.toString()));
          req.on('end', () => resolve(text));
        }),
      );
      const details = await provider.interactionDetails(req, res);
      const entry = [...people.entries()].find(([, p]) => p.email === body.get('email'));
      if (!entry || entry[1].password !== body.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(uid, 'Wrong email or password'));
        return;
      }
      const [sub, person] = entry;
      if (person.disabled) {
        // Removed at the provider: it says no, and the app is told so.
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'account disabled' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: sub, amr: person.amr }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  return {
    issuer,
    people,
    addPerson(sub: string, person: ProviderPerson) {
      people.set(sub, person);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser at the provider: follows its redirects with its cookies until it sends the person back to the app. */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  private async request(url: string, init: { method?: string; body?: string } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.body ? { body: init.body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return res;
  }

  /**
   * Opens the authorization URL, signs in with email and password, and returns where the
   * provider sends the browser back to (the app's callback with code or error), or the
   * provider's own page when it stays there.
   */
  async signIn(authorizationUrl: string, email: string, password: string, appOrigin: string) {
    let res = await this.request(authorizationUrl);
    let location = res.headers.get('location');
    let loginPage: string | null = null;
    for (let hops = 0; location && hops < 10; hops++) {
      const next = new URL(location, authorizationUrl).href;
      if (next.startsWith(appOrigin)) return { backToApp: next };
      res = await this.request(next);
      if (res.status === 200 && /\/interaction\//.test(next)) {
        loginPage = next;
        break;
      }
      location = res.headers.get('location');
    }
    if (!loginPage) return { stayed: await res.text() };
    res = await this.request(loginPage, { method: 'POST', body: new URLSearchParams({ email, password }).toString() });
    location = res.headers.get('location');
    for (let hops = 0; location && hops < 10; hops++) {
      const next = new URL(location, loginPage).href;
      if (next.startsWith(appOrigin)) return { backToApp: next };
      res = await this.request(next);
      location = res.headers.get('location');
    }
    return { stayed: await res.text() };
  }
}

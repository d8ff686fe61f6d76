import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the app must read back (an authenticator app's key, an identity provider's client
 * secret) are kept sealed: AES-256-GCM under a key drawn from the instance's secret, so a
 * copy of the database alone does not give them away. Each kind of secret gets its own key
 * (the purpose), so one sealed value cannot be passed off as another.
 */
export function makeSealer(instanceSecret: string, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', instanceSecret, 'coproduce-sealed-secrets', purpose, 32));
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    /** The secret, or null when it was sealed under another key or changed since. */
    open(sealed: string): string | null {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

export type Sealer = ReturnType<typeof makeSealer>;

const siteOrigin = 'http://this.site';

/**
 * Only paths on this site: never a full address, and never "//host" which browsers treat as
 * one. Control characters are refused outright: browsers drop tabs and line breaks, so
 * "/\t/evil.example" would become "//evil.example", and a line break cannot go in a header.
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value) || value.startsWith('//'))
    return fallback;
  try {
    if (new URL(value, siteOrigin).origin !== siteOrigin) return fallback;
  } catch {
    return fallback;
  }
  return value;
}

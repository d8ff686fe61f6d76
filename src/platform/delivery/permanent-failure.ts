/**
 * The service that sends messages said it will never accept this one (Notify's 400 or 403,
 * an SMTP 5xx reply): trying again cannot help, so the outbox marks it failed at once and
 * keeps the service's own words for staff. Anything else thrown is worth another try.
 */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

/** A text message a person sent to the organisation's number, as a provider handed it over. */
export type ReceivedText = {
  provider: 'notify' | 'twilio';
  /** The provider's own id for it: a text is stored once, however often it is fetched. */
  providerId: string;
  /** The sender's number as the provider gave it. */
  from: string;
  /** The number it was sent to, when the provider says (Notify's notify_number, Twilio's To). */
  to?: string | null;
  body: string;
  /** UTC ISO time it reached the provider (or us, when the provider does not say). */
  receivedAt: string;
};

// S4: a communication strategy. People say how they want to hear from us, and the guide
// notes that email, texts and letters reach more people than social media. We follow each
// person's own order, never use a channel they have opted out of, and only fall back to
// another way when none of theirs can work.
import { contactChannels, type ContactChannel } from '../people/vocabulary.ts';

export type Reachable = {
  contactOrder: readonly ContactChannel[];
  email: string | null;
  mobile: string | null;
  landline: string | null;
  address: string | null;
  optedOut: readonly ContactChannel[];
};
export type ChannelChoice =
  { channel: ContactChannel; recipient: string; fallback: boolean } | { channel: null; recipient: null; fallback: false };

const everything: ReadonlySet<ContactChannel> = new Set(contactChannels);
// Text messages need GOV.UK Notify; a plain mail server can only send email. Phone calls,
// letters and visits are done by staff from the call list, so any delivery can use them.
const withoutTexts: ReadonlySet<ContactChannel> = new Set(contactChannels.filter((c) => c !== 'text'));

/**
 * Which channels the organisation's delivery set-up can use. 'local' keeps everything for
 * demos; a mail server sends no texts unless a text provider (Twilio) is set beside it.
 */
export function usableChannels(delivery: 'local' | 'smtp' | 'notify', textProvider = false): ReadonlySet<ContactChannel> {
  return delivery === 'smtp' && !textProvider ? withoutTexts : everything;
}

/** Fallbacks in the order most likely to reach someone; a visit is never sent unasked. */
const fallbackOrder: readonly ContactChannel[] = ['email', 'text', 'letter', 'phone'];

const filled = (value: string | null): value is string => value !== null && value.trim() !== '';

/** Where a message on this channel goes, or null when we lack the detail. */
function recipientFor(channel: ContactChannel, person: Reachable): string | null {
  switch (channel) {
    case 'email':
      return filled(person.email) ? person.email : null;
    case 'text':
      return filled(person.mobile) ? person.mobile : null;
    case 'phone':
      // A mobile is more likely to be answered than a landline.
      return filled(person.mobile) ? person.mobile : filled(person.landline) ? person.landline : null;
    case 'letter':
      return filled(person.address) ? person.address : null;
    case 'in-person':
      return '';
  }
}

function firstWorking(
  order: readonly ContactChannel[],
  person: Reachable,
  usable: ReadonlySet<ContactChannel>,
): { channel: ContactChannel; recipient: string } | null {
  for (const channel of order) {
    if (!usable.has(channel) || person.optedOut.includes(channel)) continue;
    const recipient = recipientFor(channel, person);
    if (recipient !== null) return { channel, recipient };
  }
  return null;
}

/** How to reach a person: their first preference that works, else a fallback they have not opted out of. */
export function chooseChannel(person: Reachable, usable: ReadonlySet<ContactChannel>): ChannelChoice {
  const preferred = firstWorking(person.contactOrder, person, usable);
  if (preferred) return { ...preferred, fallback: false };
  const fallback = firstWorking(fallbackOrder, person, usable);
  if (fallback) return { ...fallback, fallback: true };
  return { channel: null, recipient: null, fallback: false };
}

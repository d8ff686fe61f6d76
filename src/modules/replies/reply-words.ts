import type { Translate } from '../../platform/i18n.ts';
import { spacedCode } from './reply-codes.ts';

export type ReplyContact = { phone: string | null; address: string | null };

/**
 * How to answer a letter without the internet: the reply code with the organisation's
 * phone number, and its postal address when it has one. Never a web address: nobody
 * types 100 characters from paper.
 */
export function letterHowToReply(t: Translate, code: string, contact: ReplyContact): string {
  const lines = [
    contact.phone
      ? t('replies:letter.replyByPhone', { phone: contact.phone, code: spacedCode(code) })
      : t('replies:letter.replyInPerson', { code: spacedCode(code) }),
  ];
  if (contact.address) lines.push(t('replies:letter.replyByPost', { address: contact.address }));
  return lines.join('\n\n');
}

/** The line a text message ends with, so a reply can be given by code too. */
export const textCode = (t: Translate, code: string) => t('replies:text.code', { code: spacedCode(code) });

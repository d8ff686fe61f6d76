import { z } from 'zod';
import { normaliseMobile } from '../../platform/mobile-number.ts';
import { checkboxList, dateFields, formFields, isoDateFromParts, optionalText } from '../../platform/forms.ts';
import { supporterBases, supporterChannels, supporterKinds, supporterPowers } from './vocabulary.ts';
import type { SupporterInput } from './service.ts';

const dateNames = ['basisMadeOn', 'reviewOn'] as const;

/**
 * Adding a supporter: who they are (someone with a record here, or a contact staff reach),
 * what they may do, and the basis: the person's consent, or the legal basis where the
 * person lacks capacity to consent. Every basis has a review date.
 */
export const supporterForm = z
  .object({
    who: z.enum(['person', 'contact'], { message: 'supporters:errors.whoRequired' }),
    supporterPersonId: z.string().optional(),
    contactName: optionalText(200),
    contactChannel: z.enum(supporterChannels).optional().catch(undefined),
    contactEmail: optionalText(254),
    contactMobile: optionalText(40),
    contactAddress: optionalText(500),
    kind: z.enum(supporterKinds, { message: 'supporters:errors.kindRequired' }),
    relationship: optionalText(100),
    powers: checkboxList(supporterPowers),
    basis: z.enum(supporterBases, { message: 'supporters:errors.basisRequired' }),
    consentHow: optionalText(500),
    basisMadeBy: optionalText(200),
    basisReference: optionalText(100),
    basisMadeOn: isoDateFromParts('supporters:errors.basisMadeOnRequired', 'supporters:errors.dateInvalid'),
    reviewOn: isoDateFromParts('supporters:errors.reviewOnRequired', 'supporters:errors.dateInvalid'),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (f.who === 'person' && !z.string().uuid().safeParse(f.supporterPersonId).success)
      issue('supporterPersonId', 'supporters:errors.personRequired');
    if (f.who === 'contact') {
      if (!f.contactName) issue('contactName', 'supporters:errors.contactNameRequired');
      if (!f.contactChannel) issue('contactChannel', 'supporters:errors.channelRequired');
      if (f.contactChannel === 'email' && !z.email().safeParse(f.contactEmail ?? '').success)
        issue('contactEmail', 'supporters:errors.email');
      if ((f.contactChannel === 'text' || f.contactChannel === 'phone') && !(f.contactMobile && normaliseMobile(f.contactMobile)))
        issue('contactMobile', 'supporters:errors.mobile');
      if (f.contactChannel === 'letter' && !f.contactAddress) issue('contactAddress', 'supporters:errors.address');
    }
    if (f.powers.length === 0) issue('powers', 'supporters:errors.powersRequired');
    if (f.basis === 'consent' && !f.consentHow) issue('consentHow', 'supporters:errors.consentHowRequired');
    if (f.basis !== 'consent' && !f.basisMadeBy) issue('basisMadeBy', `supporters:errors.madeByRequired.${f.basis}`);
    if (f.reviewOn <= f.basisMadeOn) issue('reviewOn', 'supporters:errors.reviewAfter');
  })
  .transform((f): SupporterInput => ({
    kind: f.kind,
    relationship: f.relationship,
    supporterPersonId: f.who === 'person' ? f.supporterPersonId! : null,
    contact:
      f.who === 'contact'
        ? {
            name: f.contactName!,
            channel: f.contactChannel!,
            email: f.contactEmail,
            mobile: f.contactMobile ? (normaliseMobile(f.contactMobile) ?? f.contactMobile) : null,
            address: f.contactAddress,
          }
        : null,
    powers: f.powers,
    basis: f.basis,
    consentHow: f.consentHow,
    basisMadeBy: f.basisMadeBy,
    basisMadeOn: f.basisMadeOn,
    basisReference: f.basisReference,
    reviewOn: f.reviewOn,
  }));

/** The body with the date boxes gathered, ready for supporterForm. */
export const supporterBody = (body: unknown) => ({
  ...formFields(body),
  ...Object.fromEntries(dateNames.map((n) => [n, dateFields(body, n)])),
});

/** What a supporter was told, for a vote: how and on which day. Never their own judgement. */
export const toldForm = (hows: readonly [string, ...string[]]) =>
  z.object({
    toldHow: z.enum(hows, { message: 'supporters:errors.toldHowRequired' }),
    toldOn: isoDateFromParts('supporters:errors.toldOnRequired', 'supporters:errors.dateInvalid'),
    asked: z.literal('yes', { message: 'supporters:errors.askedRequired' }),
  });

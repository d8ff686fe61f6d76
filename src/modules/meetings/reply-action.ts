import { z } from 'zod';
import type { Translate } from '../../platform/i18n.ts';
import { optionalText, parseForm, formFields } from '../../platform/forms.ts';
import type { Answerer } from '../replies/answerers.ts';
import type { InvitationService } from './invitations.ts';
import type { MeetingService } from './service.ts';
import { replies } from './vocabulary.ts';

const replyForm = z.object({ reply: z.enum(replies, { message: 'meetings:errors.replyRequired' }), note: optionalText(500) });

/** "Can you come?" answered through a personal link or a reply code given to staff. */
export function meetingReplyAnswerer(deps: { t: Translate; meetings: MeetingService; invitations: InvitationService }): Answerer {
  const { t, meetings, invitations } = deps;
  const invitee = async (organisationId: string, meetingId: string, personId: string) =>
    (await meetings.invitees(organisationId, meetingId)).find((i) => i.personId === personId) ?? null;

  return {
    async page(action, values) {
      const meeting = await meetings.load(action.organisationId, action.aboutId);
      const me = await invitee(action.organisationId, meeting.id, action.personId);
      if (!me) return null;
      return {
        heading: t('meetings:reply.hello', { name: me.name }),
        fieldsTemplate: 'replies/views/meeting-fields.njk',
        data: {
          meeting,
          invitee: me,
          values: values ?? { reply: me.reply === 'none' ? '' : me.reply, note: me.replyNote },
        },
        ...(meeting.cancelled ? { closedReason: t('meetings:reply.cancelled') } : {}),
      };
    },

    async save(action, body, recorded) {
      const form = parseForm(replyForm, body);
      if (!form.ok) return { ok: false, errors: form.errors, values: formFields(body) };
      await invitations.recordReply(
        action.organisationId,
        action.aboutId,
        action.personId,
        form.data.reply,
        recorded?.personId ?? null,
        form.data.note,
      );
      return { ok: true, thanks: t(`meetings:reply.thanks.${form.data.reply}`) };
    },
  };
}

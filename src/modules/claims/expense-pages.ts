import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { dateParts, formFields, type FieldErrors } from '../../platform/forms.ts';
import { uploadedFileName } from '../../platform/files.ts';
import { moneyForInput } from '../../platform/money.ts';
import type { Claim } from './claim.ts';
import { parseExpenseForm, withParts } from './forms.ts';
import type { Upload } from './receipts.ts';
import { expenseTypes } from './vocabulary.ts';

/** The bytes of the "receipt" field, and the name the browser gave it. */
export function uploadFrom(body: unknown, field = 'receipt'): Upload {
  const file = (body as Record<string, unknown> | undefined)?.[field];
  return Buffer.isBuffer(file) ? { data: file, fileName: uploadedFileName(file) } : null;
}

/** Receipts come with the expense form, so it takes a file, as the papers form does. */
export const uploadConfig = (maxUploadBytes: number) => ({
  multipartOptions: { limits: { fileSize: maxUploadBytes + 1, files: 1 }, throwFileSizeLimit: false },
});

type Who = { ok: true; personId: string } | { ok: false; errors: FieldErrors };

/** The expense form and what saving it does: for staff (anyone) and members (themselves). */
export function expensePages({ services, config, t }: Pick<RouteDeps, 'services' | 'config' | 't'>) {
  const { claims, claimReceipts, people, personFinder, projectFinder, projects } = services;

  const show = async (reply: FastifyReply, user: CurrentUser, ctx: Record<string, unknown>, errors?: FieldErrors) => {
    // Staff choose whose expense it is when they add one; a claim being changed keeps its person.
    const finding =
      isStaff(user) && !ctx.claim ? await personFinder.fields(user.organisationId, formFields(ctx.values), ['personId']) : null;
    // Staff choose from every project (found by name when there are many); members from their own.
    const projectFinding = isStaff(user) ? await projectFinder.fields(user.organisationId, formFields(ctx.values), ['projectId']) : null;
    return reply.view(
      'claims/views/expense-form.njk',
      {
        expenseTypes,
        staff: isStaff(user),
        finding,
        projectFinding,
        people: isStaff(user) && !finding ? await people.directory(user.organisationId) : [],
        projects: projectFinding
          ? []
          : isStaff(user)
            ? await projects.titles(user.organisationId)
            : (await projects.list(user)).map((p) => ({ id: p.id, title: p.title })),
        maxMb: Math.floor(config.maxUploadBytes / (1024 * 1024)),
        ...ctx,
      },
      errors ? { errors } : {},
    );
  };

  return {
    show,

    async create(
      request: FastifyRequest,
      reply: FastifyReply,
      ctx: { action: string; back: string },
      who: (body: Record<string, unknown>) => Who,
    ) {
      const user = signedInUser(request);
      const body = withParts(request.body);
      // Find shows the form again with the matches; a file chosen with it has to be chosen again.
      if (isStaff(user) && personFinder.isFinding(body)) return show(reply, user, { values: body, afterFind: true, ...ctx });
      const form = parseExpenseForm(body);
      const person = who(body);
      const receipt = await claimReceipts.check(uploadFrom(request.body));
      if (!form.ok || !person.ok || !receipt.ok) {
        const errors = {
          ...(person.ok ? {} : person.errors),
          ...(form.ok ? {} : form.errors),
          ...(receipt.ok ? {} : { receipt: receipt.error }),
        };
        return show(reply, user, { values: body, ...ctx }, errors);
      }
      const made = await claims.addExpense(user, { ...form.data, personId: person.personId }, receipt.receipt);
      if (!made.ok) return show(reply, user, { values: body, ...ctx }, made.errors);
      request.flash(t(form.data.submit ? 'claims:flash.expenseSubmitted' : 'claims:flash.saved'));
      return reply.redirect(`/claims/${made.id}`, 303);
    },

    values: (c: Claim) => ({
      type: c.category,
      onDate: dateParts(c.onDate),
      amount: c.category === 'mileage' ? '' : moneyForInput(Math.max(0, c.amountPence)),
      miles: c.mileTenths === null ? '' : (c.mileTenths / 10).toFixed(1),
      projectId: c.projectId ?? '',
      note: c.note ?? '',
    }),
  };
}

import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { urlIds } from '../../platform/params.ts';
import { sendFile } from '../../platform/serve-file.ts';
import { claimPage } from './claim-page.ts';
import { uploadConfig, uploadFrom } from './expense-pages.ts';

/** Receipts for an expense: the person and staff add, see and take them away until it is approved. */
export const claimReceiptRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { claimReceipts, readsLog } = services;
  const showClaim = claimPage({ services, config, t });
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const params = urlIds('id');
  const receiptParams = urlIds('id', 'receiptId');

  app.post('/:id/receipts', { config: uploadConfig(config.maxUploadBytes) }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const checked = await claimReceipts.check(uploadFrom(request.body));
    if (!checked.ok || !checked.receipt)
      return showClaim(reply, user, id, { errors: { receipt: checked.ok ? 'claims:errors.receiptRequired' : checked.error } });
    await claimReceipts.add(user, id, checked.receipt);
    request.flash(t('claims:flash.receiptAdded'));
    return reply.redirect(`/claims/${id}#receipts`, 303);
  });

  app.get('/:id/receipts/:receiptId', async (request, reply) => {
    const user = signedInUser(request);
    const { id, receiptId } = receiptParams(request);
    const file = await claimReceipts.download(user, id, receiptId);
    // Logged against the claim, so the person's history says whose receipt was taken.
    return sendFile(reply, file, () =>
      readsLog.record(user, [
        { subjectType: 'claim', subjectId: id, action: 'receipt-downloaded', changes: [{ field: 'receipt', to: receiptId }] },
      ]),
    );
  });

  app.post('/:id/receipts/:receiptId/remove', async (request, reply) => {
    const user = signedInUser(request);
    const { id, receiptId } = receiptParams(request);
    await claimReceipts.remove(user, id, receiptId);
    request.flash(t('claims:flash.receiptRemoved'));
    return reply.redirect(`/claims/${id}#receipts`, 303);
  });
};

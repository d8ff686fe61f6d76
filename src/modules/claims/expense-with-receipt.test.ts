import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { failInserts, mendInserts } from '../../../test/helpers/failing-inserts.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp } from '../../../test/helpers/test-app.ts';
import { setUpClaimsWorld } from '../../../test/worlds/claims.ts';

const pdf = { name: 'bus ticket.pdf', type: 'application/pdf', content: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' };

// An expense sent with its receipt is one step: the claim, the receipt and the history are
// kept together, or none of them, and no stray file is left behind.
for (const dialect of databaseDialects()) {
  describe(`an expense and its receipt are saved together (${dialect})`, () => {
    test('when saving the receipt fails, there is no claim and no file; once it works, both', async () => {
      const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-receipts-'));
      const t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      try {
        const w = await setUpClaimsWorld(t);
        const mo = await signedInClient(t, 'mo@example.com');
        const [year, month, day] = t.now().toISOString().slice(0, 10).split('-') as [string, string, string];
        const send = async () => {
          await mo.get('/my-claims/expenses/new');
          return mo.upload('/my-claims/expenses/new', 'receipt', pdf, {
            type: 'public-transport',
            amount: '4.80',
            'onDate-day': day,
            'onDate-month': month,
            'onDate-year': year,
            submit: 'yes',
          });
        };
        const claims = () =>
          t.database.db
            .selectFrom('claims')
            .select(['id', 'status'])
            .where('person_id', '=', w.ids.mo)
            .where('kind', '=', 'expense')
            .execute();

        await failInserts(t.database, 'claim_receipts');
        assert.equal((await send()).statusCode, 500);
        assert.deepEqual(await claims(), [], 'a claim was kept without its receipt');
        assert.deepEqual(fs.readdirSync(filesDir), [], 'the receipt file was left behind');

        await mendInserts(t.database, 'claim_receipts');
        assert.equal((await send()).statusCode, 303);
        const [claim] = await claims();
        assert.equal(claim?.status, 'submitted');
        assert.equal((await t.database.db.selectFrom('claim_receipts').select('id').where('claim_id', '=', claim!.id).execute()).length, 1);
        assert.equal(fs.readdirSync(filesDir).length, 1);
      } finally {
        await t.close();
        fs.rmSync(filesDir, { recursive: true, force: true });
      }
    });
  });
}

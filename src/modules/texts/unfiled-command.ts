import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { connect } from '../../db/connection.ts';
import { NotFound } from '../../platform/errors.ts';
import { sessionSecretFor } from '../../platform/instance-secret.ts';
import { pageOf } from '../../platform/pagination.ts';
import { systemClock } from '../../platform/time.ts';
import { makeServices } from '../../services.ts';

// `npm run texts:unfiled`: for the instance's operator, the texts no organisation's staff
// can read (from a number nobody has, on an instance of several organisations, sent to no
// organisation's own number). `-- --page 2` pages on; `-- --file <text id> --organisation
// <organisation id>` files one with the organisation it is for, into its staff inbox.
// Exits non-zero on failure.
const { values } = parseArgs({
  options: { page: { type: 'string' }, file: { type: 'string' }, organisation: { type: 'string' } },
});
const config = loadConfig();
const db = connect(config.database);
try {
  const secret = await sessionSecretFor(db, config.sessionSecret);
  const { texts } = makeServices({ db, config, now: systemClock, delivery: null, secret });
  if (values.file) {
    if (!values.organisation) throw new Error('Say which organisation with --organisation <organisation id>.');
    const filed = await texts.fileWith(values.file, values.organisation);
    console.log(filed ? 'Filed: it waits under Texts received for that organisation.' : 'That text is not on the unfiled list.');
    if (!filed) process.exitCode = 1;
  } else {
    const page = pageOf(Number(values.page ?? 1) || 1);
    const { texts: list, total } = await texts.unfiled(page);
    console.log(`${total} unfiled text${total === 1 ? '' : 's'}, newest first (page ${page.page}):\n`);
    for (const x of list)
      console.log(`${x.id}  ${x.receivedAt}  from ${x.from}  to ${x.to ?? '(not given)'}\n    ${x.body.replace(/\s+/g, ' ')}\n`);
    console.log('Organisations to file them with (--file <text id> --organisation <organisation id>):');
    for (const o of await texts.organisations()) console.log(`  ${o.id}  ${o.name}`);
  }
} catch (err) {
  console.error(err instanceof NotFound ? 'There is no organisation with that id.' : err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

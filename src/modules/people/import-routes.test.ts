import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

/** Uploads a file's exact bytes, as a browser sends a file it did not write itself. */
async function uploadBytes(client: Client, fileName: string, bytes: Buffer) {
  const boundary = '----coproduce-import-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  // raw() is typed for text, but app.inject sends a Buffer byte for byte.
  return client.raw(
    'POST',
    '/people/import',
    { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload as unknown as string,
  );
}

/** The file text the preview will post back when "Add these people" is pressed. */
const previewedCsv = (html: string) =>
  /name="csv" value="([^"]*)"/
    .exec(html)![1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

for (const dialect of databaseDialects()) {
  describe(`people import from a spreadsheet (${dialect})`, () => {
    let t: TestApp;
    let organisationId: string;
    let fay: Client;
    let before: string[];
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      organisationId = (await organisationWithAdmin(t)).organisationId;
      await personWithAccount(
        t,
        organisationId,
        { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
        { email: 'fay@example.com', role: 'facilitator' },
      );
      before = (await t.database.db.selectFrom('people').select('id').execute()).map((p) => p.id);
      fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/people/import');
    });
    afterEach(() => t.close());

    /** Who the import added, by name in code point order (databases collate accents differently). */
    const saved = async () =>
      (
        await t.database.db
          .selectFrom('people')
          .select(['full_name', 'email', 'mobile', 'landline', 'skills'])
          .where('organisation_id', '=', organisationId)
          .where('id', 'not in', before)
          .execute()
      ).sort((a, b) => (a.full_name < b.full_name ? -1 : 1));

    const addPreviewed = async (html: string) => {
      const done = await fay.post('/people/import', { csv: previewedCsv(html), confirm: 'yes' });
      assert.equal(done.statusCode, 303, done.body);
    };

    test('a CSV saved by Excel as "CSV (Comma delimited)", in Windows-1252, keeps every letter', async () => {
      const text =
        'Full name,Perspectives,Email,Skills\r\n' +
        'Zoë Ó Briain,carer,zoe@example.com,"Managed a £5,000 budget"\r\n' +
        'Seán Ó Dálaigh,family,,Café owner – “best” coffee for 20€\r\n';
      const bytes = iconv.encode(text, 'windows-1252');
      assert.ok(bytes.includes(0xeb) && !bytes.includes(0xc3), 'the file really is Windows-1252, not UTF-8');
      const preview = await uploadBytes(fay, 'people.csv', bytes);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.body, /2 people are ready to add/);
      assert.match(preview.body, /Zoë Ó Briain/);
      assert.doesNotMatch(preview.body, /\uFFFD/);
      await addPreviewed(preview.body);
      assert.deepEqual(await saved(), [
        { full_name: 'Seán Ó Dálaigh', email: null, mobile: null, landline: null, skills: 'Café owner – “best” coffee for 20€' },
        { full_name: 'Zoë Ó Briain', email: 'zoe@example.com', mobile: null, landline: null, skills: 'Managed a £5,000 budget' },
      ]);
    });

    test('UTF-8 with or without a byte order mark, and Excel\'s "Unicode text" (UTF-16, tabs), read the same', async () => {
      const utf8 = Buffer.from('Full name,Perspectives\r\nZoë Ó Briain,carer\r\n');
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Full name,Perspectives\r\nŁucja Wójcik,carer\r\n')]);
      const unicodeText = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Full name\tPerspectives\r\nSiân Ŵyn\tfamily\r\n', 'utf16le'),
      ]);
      for (const bytes of [utf8, withBom, unicodeText]) {
        await fay.get('/people/import');
        const preview = await uploadBytes(fay, 'people.csv', bytes);
        assert.equal(preview.statusCode, 200, preview.body);
        assert.match(preview.body, /1 person is ready to add/);
        await addPreviewed(preview.body);
      }
      assert.deepEqual(
        (await saved()).map((p) => p.full_name),
        ['Siân Ŵyn', 'Zoë Ó Briain', 'Łucja Wójcik'],
      );
    });

    test('text that cannot be read is refused plainly on the form, and nothing is saved', async () => {
      // 0x81 is no letter in Windows-1252 and not valid UTF-8: some other encoding.
      const unknownBytes = Buffer.from([...Buffer.from('Full name,Perspectives\r\nAsha '), 0x81, ...Buffer.from(',carer\r\n')]);
      // A file that was already damaged before it was saved as UTF-8.
      const damaged = Buffer.from('Full name,Perspectives\r\nZo\uFFFD \uFFFD Briain,carer\r\n');
      for (const bytes of [unknownBytes, damaged]) {
        await fay.get('/people/import');
        const res = await uploadBytes(fay, 'people.csv', bytes);
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /Some letters or symbols in the file could not be read/);
        assert.match(res.body, /govuk-error-summary/);
        assert.match(res.body, /<input[^>]+name="file" type="file"/, 'the upload form is still there');
        assert.doesNotMatch(res.body, /Add these people/);
      }
      // Nor can the preview's hidden copy be swapped for damaged text.
      await fay.get('/people/import');
      const forced = await fay.post('/people/import', { csv: 'Full name,Perspectives\r\nZo\uFFFD,carer\r\n', confirm: 'yes' });
      assert.equal(forced.statusCode, 400);
      assert.match(forced.body, /could not be read/);
      // An Excel workbook is not a CSV file: say how to save one.
      await fay.get('/people/import');
      const workbook = await uploadBytes(fay, 'people.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
      assert.equal(workbook.statusCode, 400);
      assert.match(workbook.body, /Excel workbook/);
      assert.deepEqual(await saved(), []);
    });

    test('rows of only commas are skipped, and rows keep their spreadsheet numbers', async () => {
      const csv =
        'Full name,Perspectives,Address\r\n' + // row 1
        'Asha Patel,carer,"1 High Street\r\nNorthby"\r\n' + // row 2: one row, though two lines
        ',,\r\n' + // row 3: Excel's empty row
        '\r\n' + // row 4
        'Ben Cole,wizard,\r\n' + // row 5
        ' , ,\r\n' + // row 6
        ',family,\r\n' + // row 7
        ',,\r\n,,\r\n';
      await fay.get('/people/import');
      const res = await uploadBytes(fay, 'people.csv', Buffer.from(csv));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /2 rows have problems/);
      assert.match(res.body, /Row 5 \(Ben Cole\)/);
      assert.match(res.body, /Row 7: Enter their full name/);
      assert.doesNotMatch(res.body, /Row [34689]\b/);

      await fay.get('/people/import');
      const good = await uploadBytes(
        fay,
        'people.csv',
        Buffer.from('Full name,Perspectives,Email\r\nAsha Patel,carer,\r\n,,\r\nBen Cole,family,\r\n,,\r\n,,\r\n'),
      );
      assert.equal(good.statusCode, 200, good.body);
      assert.match(good.body, /2 people are ready to add/);
      await addPreviewed(good.body);
      assert.deepEqual(
        (await saved()).map((p) => p.full_name),
        ['Asha Patel', 'Ben Cole'],
      );
    });

    test('headings are read however they are written, and columns left out are named', async () => {
      const csv =
        'Name,E-mail,Mobile number,Phone number,NHS number,PERSPECTIVES,Notes & <comments>,\r\n' +
        'Asha Patel,asha@example.com,07700 900123,0113 496 0000,943 476 5919,carer,Likes tea,Room 4\r\n';
      await fay.get('/people/import');
      const preview = await uploadBytes(fay, 'people.csv', Buffer.from(csv));
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(
        preview.body,
        /These columns will not be imported: NHS number, Notes &amp; &lt;comments&gt;, the column with no heading \(column H\)\./,
      );
      await addPreviewed(preview.body);
      assert.deepEqual(await saved(), [
        { full_name: 'Asha Patel', email: 'asha@example.com', mobile: '07700 900123', landline: '0113 496 0000', skills: null },
      ]);

      await fay.get('/people/import');
      const spellings = await uploadBytes(
        fay,
        'people.csv',
        Buffer.from(
          'full_name,Email address,Mobile,Telephone,perspectives\r\nBen Cole,ben@example.com,07700 900456,01632 960000,family\r\n',
        ),
      );
      assert.equal(spellings.statusCode, 200, spellings.body);
      assert.doesNotMatch(spellings.body, /will not be imported/);
      await addPreviewed(spellings.body);
      assert.deepEqual((await saved())[1], {
        full_name: 'Ben Cole',
        email: 'ben@example.com',
        mobile: '07700 900456',
        landline: '01632 960000',
        skills: null,
      });
    });

    test('the template downloads with headings the import reads, and opens in Excel as UTF-8', async () => {
      const template = await fay.get('/people/import/template.csv');
      assert.equal(template.statusCode, 200);
      assert.equal(template.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
      await fay.get('/people/import');
      const preview = await uploadBytes(fay, 'people-template.csv', template.rawPayload);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.body, /1 person is ready to add/);
      assert.doesNotMatch(preview.body, /will not be imported/);
    });
  });
}

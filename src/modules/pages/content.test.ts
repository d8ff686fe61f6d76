import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin } from '../../../test/helpers/fixtures.ts';

// The nineteen recommendation codes of the model (../shared/DOMAIN.md).
const codes = ['C1', 'C2', 'C3', 'S1', 'S2', 'S3', 'S4', 'S5', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'V1', 'V2', 'V3', 'V4'];

describe('public pages about the model', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    await organisationWithAdmin(t);
  });
  afterEach(() => t.close());

  test('About this model lists every recommendation by code and credits SCIE', async () => {
    assert.equal(codes.length, 19);
    const res = await new Client(t.app).get('/about');
    assert.equal(res.statusCode, 200);
    for (const code of codes)
      assert.match(
        res.body,
        new RegExp(`<th scope="row" class="govuk-table__header" id="${code}">${code}</th>\\s*<td class="govuk-table__cell">[A-Z]`),
        code,
      );
    for (const piece of ['Culture', 'Structure', 'Practice', 'Review']) assert.match(res.body, new RegExp(`<caption[^>]*>${piece}:`));
    assert.match(res.body, /Social Care Institute for Excellence \(SCIE\)/);
    assert.match(res.body, /href="https:\/\/www\.scie\.org\.uk\//);
    assert.match(res.body, /not made or endorsed by SCIE/);
  });

  test('the glossary explains the words people meet in the app', async () => {
    const res = await new Client(t.app).get('/glossary');
    assert.equal(res.statusCode, 200);
    for (const term of ['Co-production', 'Reciprocity', 'Access needs', 'Co-chair', 'Lived experience', 'Project agreement']) {
      assert.match(res.body, new RegExp(`<dt class="govuk-summary-list__key"[^>]*>${term}</dt>`), term);
    }
  });

  test('the accessibility statement names the standard and how to report a problem', async () => {
    const res = await new Client(t.app).get('/accessibility');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /WCAG\) version 2\.2 at level AA/);
    assert.match(res.body, /Tell us about a problem/);
  });

  test('member-facing pages avoid "service user", "client" and "patient"', async () => {
    for (const path of ['/about', '/glossary', '/accessibility', '/sign-in']) {
      const text = (await new Client(t.app).get(path)).body.replace(/<[^>]+>/g, ' ');
      assert.doesNotMatch(text, /service users?|\bclients?\b|\bpatients?\b/i, path);
    }
  });
});

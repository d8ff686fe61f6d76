import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { columnForHeading, headingKey, importColumns, templateHeadings, type ImportColumn } from './csv-headings.ts';

describe('which column a heading means', () => {
  const cases: Array<[string, ImportColumn | null]> = [
    ['full_name', 'full_name'],
    ['Full name', 'full_name'],
    ['FULL NAME', 'full_name'],
    ['Full-Name', 'full_name'],
    ['Name', 'full_name'],
    [' name ', 'full_name'],
    ['Known as', 'preferred_name'],
    ['Preferred name', 'preferred_name'],
    ['email', 'email'],
    ['E-mail', 'email'],
    ['E-Mail Address', 'email'],
    ['Email address', 'email'],
    ['email_address', 'email'],
    ['Mobile', 'mobile'],
    ['Mobile number', 'mobile'],
    ['Mobile phone no.', 'mobile'],
    // Texts go only to a mobile, so a number is a mobile only when the heading says so.
    ['Phone number', 'landline'],
    ['Telephone', 'landline'],
    ['Tel. no', 'landline'],
    ['Landline', 'landline'],
    ['Contact order', 'contact_order'],
    ['contact_order', 'contact_order'],
    ['Lived experience', 'lived_experience'],
    ['Time to give', 'time_to_give'],
    ['NHS number', null],
    ['Date of birth', null],
    ['First name', null],
    ['', null],
  ];
  for (const [heading, column] of cases)
    test(`"${heading}" is ${column ?? 'not imported'}`, () => assert.equal(columnForHeading(heading), column));

  test('every column reads its own name and its template heading', () => {
    for (const column of importColumns) {
      assert.equal(columnForHeading(column), column);
      assert.equal(columnForHeading(templateHeadings[column]), column);
    }
  });

  test('capitals, spaces and punctuation never change the column', () => {
    const known = importColumns.map((c) => templateHeadings[c]);
    const noise = fc.constantFrom(' ', '-', '_', '.', '/', '', '  ');
    fc.assert(
      fc.property(fc.constantFrom(...known), fc.array(fc.boolean()), noise, noise, (heading, upper, before, after) => {
        const written = before + [...heading].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('') + after;
        assert.equal(columnForHeading(written), columnForHeading(heading));
      }),
    );
  });

  test('headingKey keeps letters and digits only, in any alphabet', () => {
    assert.equal(headingKey('  E-mail (2)! '), 'email2');
    assert.equal(headingKey('Rhif Ffôn'), 'rhifffôn');
  });
});

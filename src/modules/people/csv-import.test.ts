import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { columnLetter, importTemplateCsv, readPeopleCsv } from './csv-import.ts';

const lines = (...rows: string[]) => rows.map((r) => `${r}\r\n`).join('');
/** Each row as the preview shows it: its number, the name, and the problems by field. */
const summary = (text: string) => {
  const result = readPeopleCsv(text);
  return {
    fileError: result.fileError,
    ignored: result.ignoredColumns,
    rows: result.rows.map((r) => [r.row, r.name, r.errors.map((e) => e.field).join(' ')]),
  };
};

describe('reading people from a CSV file', () => {
  const cases: Array<[string, string, ReturnType<typeof summary>]> = [
    [
      'the headings are row 1, so the first person is row 2',
      lines('Full name,Perspectives', 'Asha Patel,carer', 'Ben Cole,family'),
      {
        fileError: null,
        ignored: [],
        rows: [
          [2, 'Asha Patel', ''],
          [3, 'Ben Cole', ''],
        ],
      },
    ],
    [
      "Excel's rows of only commas are skipped, wherever they are",
      lines('Full name,Perspectives,Email', ',,', 'Asha Patel,carer,', ',,', ' , , ', 'Ben Cole,family,', ',,', ',,'),
      {
        fileError: null,
        ignored: [],
        rows: [
          [3, 'Asha Patel', ''],
          [6, 'Ben Cole', ''],
        ],
      },
    ],
    [
      'empty lines count as rows too, as Excel shows them',
      'Full name,Perspectives\r\n\r\nAsha Patel,carer\n\nBen Cole,wizard\n',
      {
        fileError: null,
        ignored: [],
        rows: [
          [3, 'Asha Patel', ''],
          [5, 'Ben Cole', 'perspectives'],
        ],
      },
    ],
    [
      'a cell over two lines is still one row',
      lines('Full name,Perspectives,Address', 'Asha Patel,carer,"1 High Street\r\nNorthby"', ',carer,'),
      {
        fileError: null,
        ignored: [],
        rows: [
          [2, 'Asha Patel', ''],
          [3, '', 'fullName'],
        ],
      },
    ],
    [
      'blank rows before the headings: the headings are the first row with something in it',
      lines(',,', 'Full name,Perspectives', 'Asha Patel,carer'),
      { fileError: null, ignored: [], rows: [[3, 'Asha Patel', '']] },
    ],
    [
      'columns the import does not know are named, in the order of the file',
      lines('Full name,NHS number,Perspectives,Date of birth', 'Asha Patel,943 476 5919,carer,1 May 1960'),
      {
        fileError: null,
        ignored: [
          { heading: 'NHS number', letter: 'B' },
          { heading: 'Date of birth', letter: 'D' },
        ],
        rows: [[2, 'Asha Patel', '']],
      },
    ],
    [
      'a column with no heading is named only when something is in it',
      lines('Full name,Perspectives,,,', 'Asha Patel,carer,,Likes tea,', 'Ben Cole,family,,,'),
      {
        fileError: null,
        ignored: [{ heading: '', letter: 'D' }],
        rows: [
          [2, 'Asha Patel', ''],
          [3, 'Ben Cole', ''],
        ],
      },
    ],
    [
      'tab-separated, as Excel saves "Unicode text"',
      lines('Full name\tPerspectives\tSkills', 'Asha Patel\tcarer; family\tCooking, baking'),
      { fileError: null, ignored: [], rows: [[2, 'Asha Patel', '']] },
    ],
    [
      'semicolon-separated, as some European settings save it',
      lines('Full name;Perspectives', 'Asha Patel;carer'),
      { fileError: null, ignored: [], rows: [[2, 'Asha Patel', '']] },
    ],
    [
      'no name column',
      lines('Surname,Perspectives', 'Patel,carer'),
      { fileError: 'people:import.errors.noNameColumn', ignored: [], rows: [] },
    ],
    [
      'two columns for one thing',
      lines('Email,Full name,E-mail', 'a@example.com,Asha,b@example.com'),
      { fileError: 'people:import.errors.sameColumnTwice', ignored: [], rows: [] },
    ],
    [
      'headings and nobody',
      lines('Full name,Perspectives', ',,', ',,'),
      { fileError: 'people:import.errors.empty', ignored: [], rows: [] },
    ],
    ['only commas', lines(',,', ',,'), { fileError: 'people:import.errors.empty', ignored: [], rows: [] }],
    [
      'letters lost before the file reached us',
      lines('Full name,Perspectives', 'Zo\uFFFD,carer'),
      { fileError: 'people:import.errors.unreadableCharacters', ignored: [], rows: [] },
    ],
    [
      'a NUL character',
      lines('Full name,Perspectives', 'Zo\u0000,carer'),
      { fileError: 'people:import.errors.notCsv', ignored: [], rows: [] },
    ],
    [
      'a quote left open',
      lines('Full name,Perspectives', '"Asha,carer'),
      { fileError: 'people:import.errors.notCsv', ignored: [], rows: [] },
    ],
  ];
  for (const [name, text, expected] of cases) test(name, () => assert.deepEqual(summary(text), expected));

  test('blank rows never change what is read, nor the numbers of the rows around them', () => {
    const person = fc.record({
      name: fc.constantFrom('Asha Patel', 'Ben Cole', '"Cole, Ben"'),
      perspective: fc.constantFrom('carer', 'wizard', ''),
    });
    const blank = fc.constantFrom('', ',', ',,', ' , ');
    const row = fc.oneof(person, blank);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        fc.pre(rows.some((r) => typeof r !== 'string'));
        const text = lines('Full name,Perspectives', ...rows.map((r) => (typeof r === 'string' ? r : `${r.name},${r.perspective}`)));
        const expected = rows.flatMap((r, i) =>
          typeof r === 'string' ? [] : [[i + 2, r.name.replace(/"/g, ''), r.perspective === 'carer' ? '' : 'perspectives']],
        );
        assert.deepEqual(summary(text).rows, expected);
      }),
    );
  });

  test('column letters follow Excel: A to Z, then AA', () => {
    assert.deepEqual([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter), ['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  test('the template reads back with every column known, and one person ready', () => {
    const template = importTemplateCsv();
    assert.ok(template.startsWith('\uFEFFFull name,'));
    const result = readPeopleCsv(template);
    assert.equal(result.fileError, null);
    assert.deepEqual(result.ignoredColumns, []);
    assert.deepEqual(
      result.rows.map((r) => [r.row, r.name, r.errors, r.data?.contactOrder, r.data?.mobile]),
      [[2, 'Sam Example', [], ['email', 'text'], '07700 900123']],
    );
  });
});

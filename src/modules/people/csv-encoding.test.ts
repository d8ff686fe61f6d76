import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeCsvBytes, importedCsvText, type CsvEncoding, type DecodedCsv } from './csv-encoding.ts';

const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const read = (text: string, encoding: CsvEncoding): DecodedCsv => ({ ok: true, text, encoding });

describe('which encoding an uploaded CSV file is in', () => {
  const cases: Array<[string, Buffer, DecodedCsv]> = [
    ['plain ASCII is UTF-8', bytes('Full name\r\nAsha\r\n'), read('Full name\r\nAsha\r\n', 'utf-8')],
    ['valid UTF-8 without a mark ("CSV UTF-8" from other programs)', bytes('Zoë £5'), read('Zoë £5', 'utf-8')],
    ['a UTF-8 byte order mark is dropped', bytes([0xef, 0xbb, 0xbf], 'Zoë'), read('Zoë', 'utf-8')],
    [
      'Excel\'s "CSV (Comma delimited)": Windows-1252',
      iconv.encode('Zoë Ó Briain, £5,000 – “ok” €', 'windows-1252'),
      read('Zoë Ó Briain, £5,000 – “ok” €', 'windows-1252'),
    ],
    ['a byte Windows-1252 has no letter for is marked, not guessed', bytes('Asha ', [0x81]), read('Asha \uFFFD', 'windows-1252')],
    ['a UTF-8 mark before broken UTF-8 is not read as anything else', bytes([0xef, 0xbb, 0xbf], 'Zo', [0xeb]), read('Zo\uFFFD', 'utf-8')],
    [
      'Excel\'s "Unicode text": UTF-16 little-endian with a mark',
      bytes([0xff, 0xfe], Buffer.from('Siân\tŴyn', 'utf16le')),
      read('Siân\tŴyn', 'utf-16le'),
    ],
    ['UTF-16 big-endian with a mark', bytes([0xfe, 0xff], Buffer.from('Siân', 'utf16le').swap16()), read('Siân', 'utf-16be')],
    [
      'UTF-16 cut short ends in a marked character',
      bytes([0xff, 0xfe], Buffer.from('Si', 'utf16le'), [0x41]),
      read('Si\uFFFD', 'utf-16le'),
    ],
    ['an .xlsx workbook is refused', bytes([0x50, 0x4b, 0x03, 0x04], 'rest'), { ok: false, error: 'people:import.errors.workbook' }],
    ['an old .xls workbook is refused', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), { ok: false, error: 'people:import.errors.workbook' }],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(decodeCsvBytes(input), expected));

  test('any text saved as UTF-8 reads back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(!s.startsWith('PK\u0003\u0004'));
        assert.deepEqual(decodeCsvBytes(Buffer.from(s)), read(s.replace(/^\uFEFF/, ''), 'utf-8'));
      }),
    );
  });

  test('any Windows-1252 text reads back exactly, unless its bytes happen to be valid UTF-8', () => {
    const letters = iconv.decode(Buffer.from(Array.from({ length: 224 }, (_, i) => i + 32)), 'windows-1252').replace(/\uFFFD/g, '');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...letters) }), (s) => {
        const encoded = iconv.encode(s, 'windows-1252');
        const decoded = decodeCsvBytes(encoded);
        assert.ok(decoded.ok);
        if (decoded.encoding === 'windows-1252') assert.equal(decoded.text, s);
        else assert.equal(decoded.text, new TextDecoder().decode(encoded));
      }),
    );
  });

  test('no bytes make it throw', () => {
    fc.assert(fc.property(fc.uint8Array(), (b) => void decodeCsvBytes(Buffer.from(b))));
  });
});

describe('what the import form sent', () => {
  test('a file is decoded; the previewed text is taken as it is; nothing is "choose a file"', () => {
    assert.deepEqual(importedCsvText(iconv.encode('Zoë', 'windows-1252')), read('Zoë', 'windows-1252'));
    assert.deepEqual(importedCsvText('Zoë'), read('Zoë', 'utf-8'));
    for (const nothing of [undefined, '', ' \r\n', Buffer.alloc(0), bytes([0xef, 0xbb, 0xbf]), ['a', 'b']]) {
      assert.deepEqual(importedCsvText(nothing), { ok: false, error: 'people:import.errors.noFile' });
    }
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { identifyFile, kindOfMediaType, nameWithExtension } from './file-kinds.ts';

/** A zip of stored (uncompressed) entries: enough for Word and OpenDocument files. */
function zip(entries: Array<[string, string]>): Buffer {
  return Buffer.concat(
    entries.flatMap(([name, text]) => {
      const data = Buffer.from(text);
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt32LE(crc32(data), 14);
      header.writeUInt32LE(data.length, 18);
      header.writeUInt32LE(data.length, 22);
      header.writeUInt16LE(Buffer.byteLength(name), 26);
      return [header, Buffer.from(name), data];
    }),
  );
}

const cfbHeader = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const wordMain = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

const accepted: Array<[string, Buffer, string, string]> = [
  ['a PDF', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'application/pdf', 'pdf'],
  [
    'a Word document',
    zip([
      ['[Content_Types].xml', `<Types><Override PartName="/word/document.xml" ContentType="${wordMain}"/></Types>`],
      ['word/document.xml', '<w:document/>'],
    ]),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'word',
  ],
  [
    'an old Word document',
    Buffer.concat([cfbHeader, Buffer.alloc(504), Buffer.from('WordDocument', 'utf16le'), Buffer.alloc(64)]),
    'application/msword',
    'word',
  ],
  [
    'an OpenDocument text',
    zip([['mimetype', 'application/vnd.oasis.opendocument.text']]),
    'application/vnd.oasis.opendocument.text',
    'document',
  ],
  [
    'a PNG',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(17)]),
    'image/png',
    'picture',
  ],
  ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'image/jpeg', 'picture'],
  ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/gif', 'picture'],
  [
    'a WebP',
    Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18)]),
    'image/webp',
    'picture',
  ],
  ['an MP3', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(400)]), 'audio/mpeg', 'sound'],
  [
    'an M4A',
    Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A \0\0\0\0M4A mp42isom'), Buffer.alloc(8)]),
    'audio/mp4',
    'sound',
  ],
  ['an AAC', Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), Buffer.alloc(100)]), 'audio/aac', 'sound'],
  [
    'a WAV',
    Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WAVEfmt '), Buffer.alloc(28)]),
    'audio/wav',
    'sound',
  ],
  [
    'an OGG',
    Buffer.concat([
      Buffer.from('OggS'),
      Buffer.from([0, 2]),
      Buffer.alloc(20),
      Buffer.from([1, 30]),
      Buffer.from('\x01vorbis', 'latin1'),
      Buffer.alloc(30),
    ]),
    'audio/ogg',
    'sound',
  ],
  [
    'an MP4',
    Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom\0\0\x02\0isomiso2avc1mp41'), Buffer.alloc(8)]),
    'video/mp4',
    'video',
  ],
  [
    'a WebM',
    Buffer.from([
      0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42,
      0x82, 0x84, 0x77, 0x65, 0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02,
    ]),
    'video/webm',
    'video',
  ],
];

const refused: Array<[string, Buffer]> = [
  ['plain text', Buffer.from('hello, this is not a pdf')],
  ['an empty file', Buffer.alloc(0)],
  ['a web page', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
  ['an SVG picture, which can carry scripts', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
  ['a zip of anything', zip([['a.txt', 'hello']])],
  ['a program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)])],
  [
    'an old Excel file (a compound file with no Word document in it)',
    Buffer.concat([cfbHeader, Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(64)]),
  ],
];

describe('what a paper file may be', () => {
  for (const [what, data, mediaType, kind] of accepted) {
    test(`${what} is accepted as ${mediaType}`, async () => {
      const found = await identifyFile(data);
      assert.equal(found?.mediaType, mediaType);
      assert.equal(found?.kind, kind);
      assert.equal(kindOfMediaType(mediaType), kind);
    });
  }
  for (const [what, data] of refused) {
    test(`${what} is refused`, async () => assert.equal(await identifyFile(data), null));
  }

  test('a saved name ends with an extension that matches the bytes', async () => {
    const pdf = (await identifyFile(Buffer.from('%PDF-1.4\n%%EOF\n')))!;
    const jpeg = (await identifyFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])))!;
    assert.equal(nameWithExtension('Agenda.pdf', pdf), 'Agenda.pdf');
    assert.equal(nameWithExtension('Agenda.PDF', pdf), 'Agenda.PDF');
    assert.equal(nameWithExtension('Agenda', pdf), 'Agenda.pdf');
    assert.equal(nameWithExtension('Agenda.txt', pdf), 'Agenda.txt.pdf');
    assert.equal(nameWithExtension('Photo.jpeg', jpeg), 'Photo.jpeg');
    assert.equal(kindOfMediaType('text/html'), null);
  });
});

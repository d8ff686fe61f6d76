import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { attachmentDisposition, cleanFileName, diskFileStore, keepUploadedFileName, StoredFileMissing, uploadedFileName } from './files.ts';

describe('disk file store', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-files-'));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  test('keeps bytes under a random name and gives them back', async () => {
    const store = diskFileStore(path.join(dir, 'made-on-first-use'));
    const data = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0a]);
    const name = await store.put(data);
    assert.match(name, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(await buffer(await store.read(name)), data);
    assert.deepEqual(await fs.readFile(path.join(dir, 'made-on-first-use', name)), data);
    assert.notEqual(await store.put(data), name, 'the same bytes twice get two names');
  });

  test('leaves no temporary files behind', async () => {
    const store = diskFileStore(path.join(dir, 'tidy'));
    await store.put(Buffer.from('one'));
    await store.put(Buffer.alloc(0));
    const names = await fs.readdir(path.join(dir, 'tidy'));
    assert.equal(names.length, 2);
    assert.ok(names.every((n) => !n.startsWith('.tmp-')));
  });

  test('removes a file; removing it again is fine; reading it then says it is missing', async () => {
    const store = diskFileStore(dir);
    const name = await store.put(Buffer.from('gone soon'));
    await store.remove(name);
    await assert.rejects(fs.access(path.join(dir, name)));
    await store.remove(name);
    await assert.rejects(store.read(name), StoredFileMissing);
  });

  test('refuses any name it did not make, so no path can escape the folder', async () => {
    const store = diskFileStore(path.join(dir, 'inner'));
    await fs.mkdir(path.join(dir, 'inner'), { recursive: true });
    await fs.writeFile(path.join(dir, 'secret.txt'), 'not yours');
    for (const bad of [
      '../secret.txt',
      '/etc/passwd',
      '..',
      '',
      'paper.pdf',
      '.tmp-3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
      '../3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
      '3F1C2D4E-5B6A-4C7D-8E9F-0A1B2C3D4E5F',
      '3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f/..',
    ]) {
      await assert.rejects(store.read(bad), /Not a stored file name/, bad);
      await assert.rejects(store.remove(bad), /Not a stored file name/, bad);
    }
    assert.equal(await fs.readFile(path.join(dir, 'secret.txt'), 'utf8'), 'not yours');
  });
});

describe('file names', () => {
  const cases: Array<[string, string]> = [
    ['Agenda.pdf', 'Agenda.pdf'],
    ['C:\\Users\\fay\\Desktop\\Agenda.pdf', 'Agenda.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['  Easy   read\tagenda.pdf ', 'Easy read agenda.pdf'],
    ['bad\u0000name\u202e.pdf', 'badname.pdf'],
    ['..', ''],
    ['', ''],
    ['Cyfarfod – papur hawdd ei ddarllen.docx', 'Cyfarfod – papur hawdd ei ddarllen.docx'],
  ];
  for (const [given, expected] of cases) {
    test(`cleanFileName(${JSON.stringify(given)})`, () => assert.equal(cleanFileName(given), expected));
  }

  test('a long name is shortened and keeps its extension', () => {
    const long = `${'a'.repeat(300)}.docx`;
    const cleaned = cleanFileName(long);
    assert.equal(cleaned.length, 150);
    assert.ok(cleaned.endsWith('.docx'));
  });

  test('the download header has a safe ASCII name and the real name encoded', () => {
    assert.equal(attachmentDisposition('Agenda.pdf'), `attachment; filename="Agenda.pdf"; filename*=UTF-8''Agenda.pdf`);
    assert.equal(
      attachmentDisposition('Café "notes" (draft)\r\n.pdf'),
      `attachment; filename="Cafe _notes_ (draft) .pdf"; filename*=UTF-8''Caf%C3%A9%20%22notes%22%20%28draft%29%20.pdf`,
    );
    assert.equal(
      attachmentDisposition('Papur – 100%.pdf'),
      `attachment; filename="Papur _ 100_.pdf"; filename*=UTF-8''Papur%20%E2%80%93%20100%25.pdf`,
    );
    assert.equal(attachmentDisposition(''), `attachment; filename="download"; filename*=UTF-8''download`);
  });

  test('the name the browser sent is kept beside the bytes', async () => {
    const data = Buffer.from('x');
    await keepUploadedFileName({ filename: 'Agenda.pdf', toBuffer: async () => data });
    assert.equal(uploadedFileName(data), 'Agenda.pdf');
    assert.equal(uploadedFileName(Buffer.from('x')), undefined);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { inLanguage } from '../../platform/i18n.ts';
import { pdfHeading, pdfParagraph, taggedPdf } from '../../platform/pdf.ts';

// pdfkit's own fonts know only Windows-1252, which has no ŵ or ŷ: a Welsh letter or PDF
// must embed a Unicode font and keep the letters as text (so they can be copied and read aloud).
async function welshPdf(): Promise<Buffer> {
  return inLanguage('cy', async () => {
    const { doc, root } = taggedPdf({ title: 'Llythyr', author: 'Coproduce', subject: 'Cyfarfod' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    pdfHeading(doc, root, 'H1', 'Annwyl Gwenllian Ŵyn');
    pdfParagraph(doc, root, 'Dewch i’r cyfarfod yn Nhŷ’r Dŵr, Llŷn. Mae’r ŵyl ar ddydd Sadwrn. ŴŶâêîôû');
    root.end();
    doc.end();
    await done;
    return Buffer.concat(chunks);
  });
}

test('a Welsh PDF embeds a Unicode font and prints ŵ and ŷ as themselves', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'welsh-pdf-'));
  try {
    const file = path.join(dir, 'letter.pdf');
    fs.writeFileSync(file, await welshPdf());
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const lines = fonts.split('\n').slice(2).filter(Boolean);
    assert.ok(lines.length > 0, fonts);
    for (const line of lines) {
      assert.match(line, /NotoSans/, `only Noto Sans: ${line}`);
      // Columns: name type encoding emb sub uni ...: embedded, and with a Unicode map.
      assert.match(line, /\byes\s+yes\s+yes\b/, `embedded, subset and mapped to Unicode: ${line}`);
    }
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Gwenllian Ŵyn/);
    assert.match(text, /Nhŷ’r Dŵr, Llŷn/);
    assert.match(text, /ŵyl/);
    assert.match(text, /ŴŶâêîôû/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Tagged:\s+yes/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

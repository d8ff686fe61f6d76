import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpImpactWorld, type ImpactWorld } from '../../../test/worlds/impact.ts';

// Issue 15: the impact report PDF as real programs read it. Debian's poppler-utils
// (pdffonts, pdftotext, pdfinfo) are independent readers: fonts embedded, Welsh and Polish
// letters kept, and a tagged structure (headings, tables, figures with alternative text)
// for screen readers.
const poppler = ['/usr/bin/pdffonts', '/usr/bin/pdftotext', '/usr/bin/pdfinfo'];
const missing = poppler.find((p) => !fs.existsSync(p));
const welshName = 'Gwasanaethau ŵ ŷ: Łódź café';
const period = 'from=2026-10-01&to=2026-11-23';

/** What a poppler tool prints about the PDF. */
function read(pdf: Buffer, tool: string, ...args: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);
    return execFileSync(tool, [...args, path.join(dir, 'report.pdf'), ...(tool.endsWith('pdftotext') ? ['-'] : [])], {
      encoding: 'utf8',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdffonts' table as rows: the font's name, and whether it is embedded, a subset, and has a Unicode map. */
function fontRows(pdf: Buffer) {
  return read(pdf, '/usr/bin/pdffonts')
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const [name, ...rest] = line.trim().split(/\s+/);
      const [emb, sub, uni] = rest.slice(-5, -2);
      return { line, name: name!, emb, sub, uni };
    });
}

/**
 * pdfinfo's structure tree as an outline, one element a line: its depth as dots, its type
 * and its text ("Document", ".H1 Impact report: ...", "...TH Perspective"). Attribute
 * lines are left out.
 */
function structureOutline(pdf: Buffer): string {
  const lines: string[] = [];
  for (const line of read(pdf, '/usr/bin/pdfinfo', '-struct-text').split('\n')) {
    const content = line.trim();
    if (!content || content.startsWith('/')) continue;
    if (content.startsWith('"')) lines[lines.length - 1] += ` ${content.slice(1, -1)}`;
    else lines.push(`${'.'.repeat((line.length - line.trimStart().length) / 2)}${content.split(/[ :]/)[0]}`);
  }
  return lines.join('\n');
}

/**
 * The alternative text of each figure, in order. Poppler's pdfinfo lists the figures but
 * not their /Alt, so this reads the structure elements, which pdfkit writes uncompressed:
 * a PDF literal string, in UTF-16 when it starts with a byte order mark.
 */
function figureAltTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const alts: string[] = [];
  for (const match of raw.matchAll(/\/S \/Figure\s*\/Alt \(/g)) {
    const bytes: number[] = [];
    let depth = 0;
    for (let i = match.index + match[0].length; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '\\') {
        const next = raw[++i]!;
        const escaped: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        if (/[0-7]/.test(next)) {
          const octal = raw.slice(i).match(/^[0-7]{1,3}/)![0];
          bytes.push(parseInt(octal, 8));
          i += octal.length - 1;
        } else bytes.push(escaped[next] ?? next.charCodeAt(0));
        continue;
      }
      if (c === '(') depth++;
      if (c === ')' && depth-- === 0) break;
      bytes.push(c.charCodeAt(0));
    }
    const buffer = Buffer.from(bytes);
    alts.push(buffer[0] === 0xfe && buffer[1] === 0xff ? buffer.subarray(2).swap16().toString('utf16le') : buffer.toString('latin1'));
  }
  return alts;
}

for (const dialect of databaseDialects()) {
  describe(`impact report PDF as real programs read it (${dialect})`, { skip: missing && `${missing} is not installed` }, () => {
    let t: TestApp;
    let w: ImpactWorld;
    let organisationPdf: Buffer;
    before(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpImpactWorld(t);
      const fay = await signedInClient(t, 'fay@example.com');
      const res = await fay.get(`/impact/report.pdf?scope=organisation&${period}`);
      assert.equal(res.statusCode, 200);
      organisationPdf = res.rawPayload;
    });
    after(() => t.close());

    test('every font is embedded, as a subset with a Unicode map: no standard Helvetica, no WinAnsi', () => {
      const rows = fontRows(organisationPdf);
      assert.ok(rows.length >= 2, 'a regular and a bold face');
      for (const row of rows) {
        assert.equal(row.emb, 'yes', `not embedded: ${row.line}`);
        assert.equal(row.sub, 'yes', `not a subset: ${row.line}`);
        assert.equal(row.uni, 'yes', `no Unicode map: ${row.line}`);
        assert.doesNotMatch(row.line, /Helvetica|WinAnsi/);
      }
      assert.ok(rows.some((r) => /NotoSans-Bold$/.test(r.name)));
      assert.ok(rows.some((r) => /NotoSans(-Regular)?$/.test(r.name)));
      // Only the letters used are embedded: two whole faces would be over 1 MB.
      assert.ok(organisationPdf.length < 250_000, `${organisationPdf.length} bytes`);
    });

    test('a Welsh and Polish project name prints whole', async () => {
      const projectId = await t.services.projects.create(
        { organisationId: w.organisationId, personId: w.admin.personId },
        {
          title: welshName,
          purpose: 'Gwasanaethau',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-10-01',
        },
      );
      const fay = await signedInClient(t, 'fay@example.com');
      const res = await fay.get(`/impact/report.pdf?scope=${projectId}&${period}`);
      assert.equal(res.statusCode, 200);
      const words = read(res.rawPayload, '/usr/bin/pdftotext').replace(/\s+/g, ' ');
      assert.ok(words.includes(`Impact report: ${welshName} From 1 October 2026`), words.slice(0, 300));
      assert.ok(words.includes(`This report covers ${welshName} from 1 October 2026 to 23 November 2026.`), words.slice(0, 300));
      assert.match(read(res.rawPayload, '/usr/bin/pdfinfo'), new RegExp(`^Title: +Impact report: ${welshName}$`, 'm'));
      assert.match(structureOutline(res.rawPayload), new RegExp(`^\\.H1 Impact report: ${welshName}$`, 'm'));
    });

    test('the PDF is tagged: language, title, headings, tables with header cells, figures with alternative text', () => {
      const info = read(organisationPdf, '/usr/bin/pdfinfo');
      assert.match(info, /^Tagged: +yes$/m);
      assert.match(info, /^Title: +Impact report: Northshire County Council$/m);
      const outline = structureOutline(organisationPdf);
      assert.match(
        outline,
        /^Document\n\.H1 Impact report: Northshire County Council\n\.P From 1 October 2026 to 23 November 2026\n\.H2 Summary\n/,
      );
      for (const h2 of [
        'Who took part',
        'Where we stand on the jigsaw',
        'Outcomes before and after',
        'Stories of what changed',
        'Cost of co-production',
        'About these figures',
      ])
        assert.match(outline, new RegExp(`^\\.H2 ${h2}$`, 'm'));
      // Each chart: its title as a heading, the drawing as a figure, then its data table
      // with a header cell for each column.
      assert.match(
        outline,
        /^\.H3 People who took part in meetings, by perspective\n\.Figure .*\n\.Table\n\.\.TR\n\.\.\.TH Perspective\n\.\.\.TH People\n\.\.TR\n\.\.\.TD People who draw on care and support\n\.\.\.TD 15\n/m,
      );
      assert.match(outline, /^\.Table\n\.\.Caption Outcomes measured on a scale from 1 to 5\n\.\.TR\n\.\.\.TH Outcome\n/m);
      assert.equal(outline.match(/^\.Figure/gm)?.length, 4, 'taking part, hours, the jigsaw and outcomes');
      // A figure's alternative text says what the chart shows, in words.
      const alts = figureAltTexts(organisationPdf);
      assert.equal(alts.length, 4);
      assert.match(alts[0]!, /^25 people took part in meetings\. The biggest group was People who draw on care and support\./);
      assert.match(alts[1]!, /^People gave 52 hours at 1 meeting\./);
      assert.match(alts[2]!, /^Staff rated things 2\.4 points higher than people with lived experience did\./);
      // Page numbers are artifacts: a screen reader does not read "Page 1 of 3" mid-text.
      assert.doesNotMatch(outline, /Page \d of \d/);
      assert.match(read(organisationPdf, '/usr/bin/pdftotext'), /Page 1 of \d/);
    });
  });
}

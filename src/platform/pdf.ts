import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { activeLanguage } from './i18n.ts';

// Tagged PDFs for any module (the first was the impact report, src/modules/impact/pdf.ts):
// pdfkit writes the PDF directly, with Noto Sans so every letter of a Welsh or Polish name
// prints, and a structure tree so a screen reader finds headings and paragraphs.

// pdfkit's built-in fonts know only Windows-1252, so "ŵ", "ŷ" or "Ł" would print as other
// letters. Noto Sans (SIL Open Font Licence) comes in an npm package, is found in node_modules
// from src/ and dist/ alike, and pdfkit embeds only the letters used. Each face is parsed once,
// with pdfkit's own fontkit: parsing it for every document took most of a report's time.
const require = createRequire(import.meta.url);
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Buffer): object };
const fontFile = (face: string) => require.resolve(`@expo-google-fonts/noto-sans/${face}/NotoSans_${face}.ttf`);
let parsedFonts: { regular: object; bold: object } | undefined;
const fonts = () =>
  (parsedFonts ??= {
    regular: fontkit.create(fs.readFileSync(fontFile('400Regular'))),
    bold: fontkit.create(fs.readFileSync(fontFile('700Bold'))),
  });

export const pdfFonts = { regular: 'NotoSans', bold: 'NotoSans-Bold' } as const;
export const pdfMargin = 56;
export const pdfInk = '#0b0c0c';
export const pdfGrey = '#505a5f';

export type PdfDoc = InstanceType<typeof PDFDocument>;
export type PdfStruct = PDFKit.PDFStructureElement;

/**
 * An A4 tagged PDF with Noto Sans registered and its Document structure open. Not buffered
 * by default: pipe it to a reply and write as the data is read, so a long document is never
 * whole in memory. `bufferPages` keeps the pages open so "Page 2 of 5" can be written at the end.
 */
export function taggedPdf(
  meta: { title: string; author: string; subject: string },
  options: { bufferPages?: boolean } = {},
): { doc: PdfDoc; root: PdfStruct } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: pdfMargin,
    ...(options.bufferPages ? { bufferPages: true } : {}),
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject },
    // A screen reader reads a Welsh reader's PDF with Welsh sounds (issue 24).
    lang: activeLanguage() === 'cy' ? 'cy' : 'en-GB',
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
  });
  // pdfkit 0.20 takes a parsed fontkit font; its types (@types/pdfkit 0.17) do not say so yet.
  const registerFont = doc.registerFont.bind(doc) as (name: string, font: object) => PdfDoc;
  registerFont(pdfFonts.regular, fonts().regular);
  registerFont(pdfFonts.bold, fonts().bold);
  const root = doc.struct('Document');
  doc.addStructure(root);
  return { doc, root };
}

/** Everything drawn in `draw` becomes one structure element of the given type. */
export function pdfTagged(doc: PdfDoc, parent: PdfStruct, type: string, draw: () => void) {
  parent.add(doc.struct(type, {}, draw));
}

export function pdfHeading(doc: PdfDoc, parent: PdfStruct, level: 'H1' | 'H2' | 'H3', text: string) {
  const size = level === 'H1' ? 22 : level === 'H2' ? 16 : 12;
  if (level !== 'H1' && doc.y > doc.page.height - pdfMargin - 100) doc.addPage();
  if (level !== 'H1') doc.moveDown(0.6);
  pdfTagged(doc, parent, level, () => doc.font(pdfFonts.bold).fontSize(size).fillColor(pdfInk).text(text));
  doc.moveDown(0.3).font(pdfFonts.regular).fontSize(11);
}

export function pdfParagraph(doc: PdfDoc, parent: PdfStruct, text: string, opts: { colour?: string; size?: number } = {}) {
  pdfTagged(doc, parent, 'P', () =>
    doc
      .font(pdfFonts.regular)
      .fontSize(opts.size ?? 11)
      .fillColor(opts.colour ?? pdfInk)
      .text(text, { lineGap: 2 }),
  );
  doc.moveDown(0.4);
}

import type { Translate } from '../../platform/i18n.ts';
import { pdfFonts, pdfGrey, pdfInk, pdfMargin, taggedPdf, type PdfDoc, type PdfStruct } from '../../platform/pdf.ts';
import { formatDate } from '../../platform/time.ts';
import { chartTable, niceMax, seriesStyles, type Chart } from './charts.ts';
import type { ReportModel } from './report-model.ts';

// The impact report on paper (V4): A4, one column, headings, figures with their tables,
// charts drawn as bars with the same patterns as on screen, and "Page 2 of 5" on every page.
// pdfkit writes the PDF directly: no browser on the server. The PDF is tagged, so a screen
// reader finds the headings, the tables with their header cells, and each chart as a figure
// whose alternative text says what it shows; page numbers and rules are marked as artifacts.

const margin = pdfMargin;
const ink = pdfInk;
const grey = pdfGrey;
const { regular, bold } = pdfFonts;

type Doc = PdfDoc;
type Struct = PdfStruct;
type StructOptions = NonNullable<Parameters<Doc['struct']>[1]>;
/** A table cell's options: pdfkit writes `scope` as the header cell's Scope attribute. */
type CellOptions = StructOptions & { scope?: 'Column' | 'Row' };

/** Everything drawn in `draw` becomes one structure element of the given type. */
function tagged(doc: Doc, parent: Struct, type: string, draw: () => void, options: StructOptions = {}) {
  parent.add(doc.struct(type, options, draw));
}

/** Drawing that carries no meaning of its own (rules, page numbers): skipped by screen readers. */
function artifact(doc: Doc, type: 'Layout' | 'Pagination', draw: () => void) {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

function heading(doc: Doc, parent: Struct, level: 'H2' | 'H3', text: string, size: number) {
  if (doc.y > doc.page.height - margin - 120) doc.addPage();
  doc.moveDown(0.6);
  tagged(doc, parent, level, () => doc.font(bold).fontSize(size).fillColor(ink).text(text));
  doc.moveDown(0.3).font(regular).fontSize(11);
}

function paragraph(doc: Doc, parent: Struct, text: string, opts: { colour?: string; size?: number } = {}) {
  tagged(doc, parent, 'P', () =>
    doc
      .font(regular)
      .fontSize(opts.size ?? 11)
      .fillColor(opts.colour ?? ink)
      .text(text, { lineGap: 2 }),
  );
  doc.moveDown(0.4);
}

/** A plain table: bold header, rules between rows, first column wide, the rest right-aligned. */
function table(doc: Doc, parent: Struct, head: string[], rows: string[][], caption?: string) {
  const width = doc.page.width - 2 * margin;
  const first = head.length > 3 ? width * 0.34 : width * 0.5;
  const rest = head.length > 1 ? (width - first) / (head.length - 1) : 0;
  const widths = head.map((_, i) => (i === 0 ? first : rest));
  // Keep a caption with its header and first rows.
  if (doc.y + 70 > doc.page.height - margin - 20) doc.addPage();
  const structure = doc.struct('Table');
  parent.add(structure);
  if (caption) {
    tagged(doc, structure, 'Caption', () => doc.font(bold).fontSize(11).fillColor(ink).text(caption));
    doc.moveDown(0.2);
  }
  const row = (cells: string[], header: boolean) => {
    doc.font(header ? bold : regular).fontSize(10);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (doc.y + height > doc.page.height - margin - 20) doc.addPage();
    const top = doc.y;
    const tr = doc.struct('TR');
    structure.add(tr);
    let x = margin;
    cells.forEach((c, i) => {
      const left = x;
      const cell: CellOptions = header ? { scope: 'Column' } : {};
      tagged(
        doc,
        tr,
        header ? 'TH' : 'TD',
        () => doc.fillColor(ink).text(c, left + 3, top + 3, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right' }),
        cell,
      );
      x += widths[i]!;
    });
    tr.end();
    artifact(doc, 'Layout', () =>
      doc
        .moveTo(margin, top + height)
        .lineTo(margin + width, top + height)
        .lineWidth(header ? 1.2 : 0.5)
        .strokeColor(header ? ink : '#b1b4b6')
        .stroke(),
    );
    doc.x = margin;
    doc.y = top + height;
  };
  row(head, true);
  for (const r of rows) row(r, false);
  structure.end();
  doc.moveDown(0.8);
}

/**
 * Horizontal bars, as on screen: solid, striped or dotted by series, each value written at
 * its end. The title is a heading; the description, legend and bars are one figure whose
 * alternative text is the description (the table after it gives every figure).
 */
function bars(doc: Doc, parent: Struct, chart: Chart) {
  const max = chart.max ?? niceMax(chart.groups.flatMap((g) => g.values.map((v) => v.value)));
  const labelWidth = 200;
  const plotWidth = doc.page.width - 2 * margin - labelWidth - 130;
  const barHeight = 12;
  const needed = chart.groups.length * (chart.series.length * (barHeight + 3) + 8) + 30;
  if (doc.y + needed > doc.page.height - margin - 20) doc.addPage();
  tagged(doc, parent, 'H3', () => doc.font(bold).fontSize(11).fillColor(ink).text(chart.title));
  doc.moveDown(0.2);
  tagged(doc, parent, 'Figure', () => drawBars(doc, chart, max, { labelWidth, plotWidth, barHeight }), { alt: chart.description });
  doc.x = margin;
}

function drawBars(doc: Doc, chart: Chart, max: number, size: { labelWidth: number; plotWidth: number; barHeight: number }) {
  const { labelWidth, plotWidth, barHeight } = size;
  doc.font(regular).fontSize(10).fillColor(grey).text(chart.description, { lineGap: 2 }).moveDown(0.4);
  let y = doc.y + 4;
  if (chart.series.length > 1) {
    let x = margin + labelWidth;
    chart.series.forEach((s, i) => {
      swatch(doc, i, x, y, 10, 10);
      doc
        .font(regular)
        .fontSize(9)
        .fillColor(ink)
        .text(s.label, x + 14, y + 1, { lineBreak: false });
      x += 24 + doc.widthOfString(s.label);
    });
    y += 18;
  }
  for (const g of chart.groups) {
    const groupHeight = chart.series.length * (barHeight + 3);
    doc
      .font(bold)
      .fontSize(9)
      .fillColor(ink)
      .text(g.label, margin, y + groupHeight / 2 - 5, { width: labelWidth - 8, align: 'right', lineBreak: false, ellipsis: true });
    g.values.forEach((v, i) => {
      const by = y + i * (barHeight + 3);
      const w = v.value === null ? 0 : Math.max(v.value > 0 ? 1 : 0, (Math.min(v.value, max) / max) * plotWidth);
      if (w > 0) swatch(doc, i, margin + labelWidth, by, w, barHeight);
      const label = chart.series.length > 1 ? `${chart.series[i]!.label}: ${v.text}` : v.text;
      doc
        .font(regular)
        .fontSize(9)
        .fillColor(ink)
        .text(label, margin + labelWidth + w + 4, by + 2, { lineBreak: false });
    });
    y += groupHeight + 8;
  }
  doc.x = margin;
  doc.y = y + 6;
}

function swatch(doc: Doc, series: number, x: number, y: number, w: number, h: number) {
  const style = seriesStyles[series % seriesStyles.length]!;
  doc.save();
  if (style.pattern === 'solid') {
    doc.rect(x, y, w, h).fill(style.fill);
  } else {
    doc.rect(x, y, w, h).clip();
    if (style.pattern === 'stripes') {
      for (let s = -h; s < w; s += 4)
        doc
          .moveTo(x + s, y + h)
          .lineTo(x + s + h, y)
          .lineWidth(1.5)
          .strokeColor(style.fill)
          .stroke();
    } else {
      for (let cx = x + 2; cx < x + w; cx += 4) for (let cy = y + 2; cy < y + h; cy += 4) doc.circle(cx, cy, 1).fill(style.fill);
    }
  }
  doc.restore();
  doc.rect(x, y, w, h).lineWidth(0.5).strokeColor(ink).stroke();
}

function chartWithTable(doc: Doc, parent: Struct, chart: Chart) {
  bars(doc, parent, chart);
  const t = chartTable(chart);
  table(doc, parent, t.head, t.rows);
}

/** The report as a PDF, built from the same model as the page so the two always agree. */
export function reportPdf(
  model: ReportModel,
  t: Translate,
  meta: { organisation: string; generatedOn: string; ruleText: string },
): Promise<Buffer> {
  const title = t('impact:report.titleFor', { scope: model.scopeName });
  // Buffered: the page numbers are written once the number of pages is known.
  const { doc, root } = taggedPdf({ title, author: meta.organisation, subject: t('impact:report.title') }, { bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const p = (text: string, opts?: { colour?: string; size?: number }) => paragraph(doc, root, text, opts);
  const h2 = (text: string, size = 16) => heading(doc, root, 'H2', text, size);
  const small = { size: 10, colour: grey };

  tagged(doc, root, 'H1', () => doc.font(bold).fontSize(22).fillColor(ink).text(title));
  p(t('impact:report.periodLine', { from: formatDate(model.period.from), to: formatDate(model.period.to) }), { size: 12, colour: grey });

  h2(t('impact:report.summary'));
  for (const s of model.summary) p(s);

  h2(t('impact:report.takingPart'));
  chartWithTable(doc, root, model.participation.peopleChart);
  chartWithTable(doc, root, model.participation.hoursChart);

  if (model.standingShown) {
    h2(t('impact:report.standing'));
    if (model.standing) {
      p(`${t('impact:report.cycle', { title: model.standing.cycleTitle })} ${model.standing.gapSentence}`);
      p(t('impact:summary.level', { level: model.standing.level }));
      chartWithTable(doc, root, model.standing.chart);
    } else p(t('impact:summary.noReview'));
  }

  if (model.outcomesShown) {
    h2(t('impact:report.outcomes'));
    if (model.outcomes?.chart) chartWithTable(doc, root, model.outcomes.chart);
    if (model.outcomes?.scaleRows.length) {
      // Five columns fit A4: the project goes with the outcome, the two answer counts together.
      table(
        doc,
        root,
        [t('impact:table.outcome'), t('impact:before'), t('impact:after'), t('impact:table.change'), t('impact:table.answered')],
        model.outcomes.scaleRows.map((r) => [
          `${r.label} (${r.values[0]})`,
          r.values[1]!,
          r.values[2]!,
          r.values[3]!,
          `${r.values[4]} / ${r.values[5]}`,
        ]),
        t('impact:report.scaleCaption'),
      );
    }
    if (model.outcomes?.countRows.length) {
      table(
        doc,
        root,
        [t('impact:table.outcome'), t('impact:table.project'), t('impact:table.counting'), t('impact:table.first'), t('impact:table.last')],
        model.outcomes.countRows.map((r) => [r.label, ...r.values]),
        t('impact:report.countCaption'),
      );
    }
    if (!model.hasOutcomes) p(t('impact:report.noOutcomes'));
  }

  if (model.storiesShown) {
    h2(t('impact:report.stories'));
    if (model.stories.length === 0) p(t('impact:report.noStories'));
    if (model.storiesPart) p(model.storiesPart);
    for (const s of model.stories) {
      tagged(doc, root, 'H3', () => doc.font(bold).fontSize(12).fillColor(ink).text(s.title));
      p(t('impact:report.storyBy', { name: s.displayName, project: s.projectTitle, date: formatDate(s.toldOn) }), small);
      p(s.text ?? t('impact:report.storyNoText'));
    }
  }

  if (model.budgetShown) {
    h2(t('impact:report.cost'));
    if (model.budget) {
      p(model.budget.sentence);
      table(
        doc,
        root,
        [t('impact:table.budget'), t('impact:table.amount')],
        model.budget.rows.map((r) => [r.label, r.value]),
      );
      p(t('impact:report.budgetNote'), small);
    } else p(t('impact:report.noBudget'));
  }

  h2(t('impact:report.aboutFigures'), 14);
  p(meta.ruleText, { size: 10 });
  p(t('impact:report.averagesRule'), { size: 10 });
  p(t('impact:report.generated', { date: formatDate(meta.generatedOn), organisation: meta.organisation }), small);
  root.end();

  // Page numbers last, when the number of pages is known. The footer sits in the bottom
  // margin, so the margin is lifted while it is written (or pdfkit would add a page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    artifact(doc, 'Pagination', () =>
      doc
        .font(regular)
        .fontSize(9)
        .fillColor(grey)
        .text(t('impact:report.pageOf', { page: i + 1, pages: range.count }), margin, doc.page.height - margin / 2 - 4, {
          width: doc.page.width - 2 * margin,
          align: 'center',
          lineBreak: false,
        }),
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

import PDFDocument from 'pdfkit';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import { chartTable, niceMax, seriesStyles, type Chart } from './charts.ts';
import type { ReportModel } from './report-model.ts';

// The impact report on paper (V4): A4, one column, headings, figures with their tables,
// charts drawn as bars with the same patterns as on screen, and "Page 2 of 5" on every page.
// pdfkit writes the PDF directly: no browser on the server.

const margin = 56;
const ink = '#0b0c0c';
const grey = '#505a5f';

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string, size: number) {
  if (doc.y > doc.page.height - margin - 120) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(ink).text(text).moveDown(0.3);
  doc.font('Helvetica').fontSize(11);
}

function paragraph(doc: Doc, text: string, opts: { colour?: string; size?: number } = {}) {
  doc
    .font('Helvetica')
    .fontSize(opts.size ?? 11)
    .fillColor(opts.colour ?? ink)
    .text(text, { lineGap: 2 })
    .moveDown(0.4);
}

/** A plain table: bold header, rules between rows, first column wide, the rest right-aligned. */
function table(doc: Doc, head: string[], rows: string[][], caption?: string) {
  const width = doc.page.width - 2 * margin;
  const first = head.length > 3 ? width * 0.34 : width * 0.5;
  const rest = head.length > 1 ? (width - first) / (head.length - 1) : 0;
  const widths = head.map((_, i) => (i === 0 ? first : rest));
  // Keep a caption with its header and first rows.
  if (doc.y + 70 > doc.page.height - margin - 20) doc.addPage();
  if (caption) doc.font('Helvetica-Bold').fontSize(11).fillColor(ink).text(caption).moveDown(0.2);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (doc.y + height > doc.page.height - margin - 20) doc.addPage();
    const top = doc.y;
    let x = margin;
    cells.forEach((c, i) => {
      doc.fillColor(ink).text(c, x + 3, top + 3, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc
      .moveTo(margin, top + height)
      .lineTo(margin + width, top + height)
      .lineWidth(bold ? 1.2 : 0.5)
      .strokeColor(bold ? ink : '#b1b4b6')
      .stroke();
    doc.x = margin;
    doc.y = top + height;
  };
  row(head, true);
  for (const r of rows) row(r, false);
  doc.moveDown(0.8);
}

/** Horizontal bars, as on screen: solid, striped or dotted by series, each value written at its end. */
function bars(doc: Doc, chart: Chart) {
  const max = chart.max ?? niceMax(chart.groups.flatMap((g) => g.values.map((v) => v.value)));
  const labelWidth = 200;
  const plotWidth = doc.page.width - 2 * margin - labelWidth - 130;
  const barHeight = 12;
  const needed = chart.groups.length * (chart.series.length * (barHeight + 3) + 8) + 30;
  if (doc.y + needed > doc.page.height - margin - 20) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).fillColor(ink).text(chart.title).moveDown(0.2);
  paragraph(doc, chart.description, { size: 10, colour: grey });
  let y = doc.y + 4;
  if (chart.series.length > 1) {
    let x = margin + labelWidth;
    chart.series.forEach((s, i) => {
      swatch(doc, i, x, y, 10, 10);
      doc
        .font('Helvetica')
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
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor(ink)
      .text(g.label, margin, y + groupHeight / 2 - 5, { width: labelWidth - 8, align: 'right', lineBreak: false, ellipsis: true });
    g.values.forEach((v, i) => {
      const by = y + i * (barHeight + 3);
      const w = v.value === null ? 0 : Math.max(v.value > 0 ? 1 : 0, (Math.min(v.value, max) / max) * plotWidth);
      if (w > 0) swatch(doc, i, margin + labelWidth, by, w, barHeight);
      const label = chart.series.length > 1 ? `${chart.series[i]!.label}: ${v.text}` : v.text;
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor(ink)
        .text(label, margin + labelWidth + w + 4, by + 2, { lineBreak: false });
    });
    y += groupHeight + 8;
  }
  doc.moveTo(margin + labelWidth, doc.y).strokeColor(ink);
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

function chartWithTable(doc: Doc, chart: Chart) {
  bars(doc, chart);
  const t = chartTable(chart);
  table(doc, t.head, t.rows);
}

/** The report as a PDF, built from the same model as the page so the two always agree. */
export function reportPdf(
  model: ReportModel,
  t: Translate,
  meta: { organisation: string; generatedOn: string; ruleText: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    info: { Title: t('impact:report.titleFor', { scope: model.scopeName }), Author: meta.organisation, Subject: t('impact:report.title') },
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(ink)
    .text(t('impact:report.titleFor', { scope: model.scopeName }));
  paragraph(doc, t('impact:report.periodLine', { from: formatDate(model.period.from), to: formatDate(model.period.to) }), {
    size: 12,
    colour: grey,
  });

  heading(doc, t('impact:report.summary'), 16);
  for (const s of model.summary) paragraph(doc, s);

  heading(doc, t('impact:report.takingPart'), 16);
  chartWithTable(doc, model.participation.peopleChart);
  chartWithTable(doc, model.participation.hoursChart);

  if (model.standingShown) {
    heading(doc, t('impact:report.standing'), 16);
    if (model.standing) {
      paragraph(doc, `${t('impact:report.cycle', { title: model.standing.cycleTitle })} ${model.standing.gapSentence}`);
      paragraph(doc, t('impact:summary.level', { level: model.standing.level }));
      chartWithTable(doc, model.standing.chart);
    } else paragraph(doc, t('impact:summary.noReview'));
  }

  if (model.outcomesShown) {
    heading(doc, t('impact:report.outcomes'), 16);
    if (model.outcomes?.chart) chartWithTable(doc, model.outcomes.chart);
    if (model.outcomes?.scaleRows.length) {
      // Five columns fit A4: the project goes with the outcome, the two answer counts together.
      table(
        doc,
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
        [t('impact:table.outcome'), t('impact:table.project'), t('impact:table.counting'), t('impact:table.first'), t('impact:table.last')],
        model.outcomes.countRows.map((r) => [r.label, ...r.values]),
        t('impact:report.countCaption'),
      );
    }
    if (!model.hasOutcomes) paragraph(doc, t('impact:report.noOutcomes'));
  }

  if (model.storiesShown) {
    heading(doc, t('impact:report.stories'), 16);
    if (model.stories.length === 0) paragraph(doc, t('impact:report.noStories'));
    for (const s of model.stories) {
      doc.font('Helvetica-Bold').fontSize(12).fillColor(ink).text(s.title);
      paragraph(doc, t('impact:report.storyBy', { name: s.displayName, project: s.projectTitle, date: formatDate(s.toldOn) }), {
        size: 10,
        colour: grey,
      });
      paragraph(doc, s.text ?? t('impact:report.storyNoText'));
    }
  }

  if (model.budgetShown) {
    heading(doc, t('impact:report.cost'), 16);
    if (model.budget) {
      paragraph(doc, model.budget.sentence);
      table(
        doc,
        [t('impact:table.budget'), t('impact:table.amount')],
        model.budget.rows.map((r) => [r.label, r.value]),
      );
      paragraph(doc, t('impact:report.budgetNote'), { size: 10, colour: grey });
    } else paragraph(doc, t('impact:report.noBudget'));
  }

  heading(doc, t('impact:report.aboutFigures'), 14);
  paragraph(doc, meta.ruleText, { size: 10 });
  paragraph(doc, t('impact:report.averagesRule'), { size: 10 });
  paragraph(doc, t('impact:report.generated', { date: formatDate(meta.generatedOn), organisation: meta.organisation }), {
    size: 10,
    colour: grey,
  });

  // Page numbers last, when the number of pages is known. The footer sits in the bottom
  // margin, so the margin is lifted while it is written (or pdfkit would add a page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(grey)
      .text(t('impact:report.pageOf', { page: i + 1, pages: range.count }), margin, doc.page.height - margin / 2 - 4, {
        width: doc.page.width - 2 * margin,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

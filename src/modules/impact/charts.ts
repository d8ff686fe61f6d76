// Charts drawn on the server as SVG (V4: show the impact in a way everyone can read).
// No JavaScript and no chart library: a bar chart is a few rectangles. Every chart has a
// role="img" with a <title> and <desc>, a plain-English description beside it and its data
// table, so a screen reader, a printout and a person who cannot tell colours apart all get
// the same facts. Series differ by pattern and by a printed label, never by colour alone.

/** One value in a chart: what to draw (null draws no bar) and what to write. */
export type ChartValue = { value: number | null; text: string };
export type ChartSeries = { key: string; label: string };
export type ChartGroup = { label: string; values: ChartValue[] };

export type Chart = {
  /** Unique on the page: used for the ids of the title, description and patterns. */
  id: string;
  kind: 'bar' | 'grouped' | 'before-after';
  title: string;
  /** A plain-English sentence or two saying what the chart shows. */
  description: string;
  /** The axis's highest value; by default the largest value, rounded up. */
  max?: number;
  /** Words for the value axis (e.g. "people", "average rating out of 5"). */
  valueLabel: string;
  /** The heading of the first column of the data table (e.g. "Perspective"). */
  groupHeading: string;
  series: ChartSeries[];
  groups: ChartGroup[];
};

// Dark enough to keep 4.5:1 against white, and told apart by pattern as well as colour.
export const seriesStyles = [
  { fill: '#0b5d57', pattern: 'solid' },
  { fill: '#4c2c92', pattern: 'stripes' },
  { fill: '#6b4400', pattern: 'dots' },
] as const;

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A tidy top for the axis: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(values: ReadonlyArray<number | null>): number {
  const top = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (top <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(top));
  for (const step of [1, 2, 5, 10]) if (step * power >= top) return step * power;
  return 10 * power;
}

const layout = { width: 640, labelWidth: 170, valueWidth: 120, barHeight: 22, barGap: 4, groupGap: 14, top: 8, legendHeight: 28 };
/** About as many bold 14px characters as fit in the label column, and the height of a line. */
const labelChars = 18;
const labelLine = 17;

/** Words in lines of at most `width` characters (a longer word keeps a line to itself). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

/**
 * Horizontal bars: long labels (a jigsaw piece, a perspective) read left to right and
 * fit a phone or a page. Groups of bars for two or more series.
 */
export function renderChartSvg(chart: Chart): string {
  const ids = { title: `${chart.id}-title`, desc: `${chart.id}-desc` };
  const max = chart.max ?? niceMax(chart.groups.flatMap((g) => g.values.map((v) => v.value)));
  const many = chart.series.length > 1;
  const plotLeft = layout.labelWidth;
  const plotWidth = layout.width - layout.labelWidth - layout.valueWidth;
  const groupHeight = chart.series.length * (layout.barHeight + layout.barGap) - layout.barGap;
  const legend = many ? layout.legendHeight : 0;
  // Long group names ("People who draw on care and support") wrap onto lines that fit the
  // label column; a group is as tall as its bars or its name, whichever is taller.
  const labels = chart.groups.map((g) => wrapWords(g.label, labelChars));
  const heightOf = (lines: readonly string[]) => Math.max(groupHeight, lines.length * labelLine);
  const height = layout.top + legend + labels.reduce((sum, lines) => sum + heightOf(lines) + layout.groupGap, 0) + 24;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg" viewBox="0 0 ${layout.width} ${height}" width="100%" role="img" aria-labelledby="${ids.title} ${ids.desc}" focusable="false">`,
    `<title id="${ids.title}">${escapeXml(chart.title)}</title>`,
    `<desc id="${ids.desc}">${escapeXml(chart.description)}</desc>`,
    '<defs>',
    ...chart.series.map((_, i) => patternDef(chart.id, i)),
    '</defs>',
  );
  if (many) {
    let x = plotLeft;
    chart.series.forEach((s, i) => {
      parts.push(
        `<rect class="app-chart__key" x="${x}" y="${layout.top}" width="16" height="16" fill="url(#${chart.id}-p${i})" stroke="#0b0c0c"/>`,
      );
      parts.push(`<text x="${x + 22}" y="${layout.top + 13}" font-size="14" fill="#0b0c0c">${escapeXml(s.label)}</text>`);
      x += 30 + s.label.length * 8;
    });
  }
  let y = layout.top + legend;
  for (const [g, group] of chart.groups.entries()) {
    const lines = labels[g]!;
    const tall = heightOf(lines);
    const firstLine = y + tall / 2 - ((lines.length - 1) * labelLine) / 2 + 5;
    parts.push(
      `<text y="${firstLine}" text-anchor="end" font-size="14" font-weight="bold" fill="#0b0c0c">${lines
        .map((line, i) => `<tspan x="${plotLeft - 8}" dy="${i === 0 ? 0 : labelLine}">${escapeXml(line)}</tspan>`)
        .join('')}</text>`,
    );
    const barsTop = y + (tall - groupHeight) / 2;
    group.values.forEach((v, i) => {
      const barY = barsTop + i * (layout.barHeight + layout.barGap);
      const width = v.value === null ? 0 : Math.max(v.value > 0 ? 2 : 0, Math.round((Math.min(v.value, max) / max) * plotWidth));
      if (width > 0) {
        parts.push(
          `<rect class="app-chart__bar" x="${plotLeft}" y="${barY}" width="${width}" height="${layout.barHeight}" fill="url(#${chart.id}-p${i})" stroke="#0b0c0c" stroke-width="1"/>`,
        );
      }
      // The value is written at the end of every bar: the chart reads without the key.
      const label = many ? `${chart.series[i]!.label}: ${v.text}` : v.text;
      parts.push(
        `<text x="${plotLeft + width + 6}" y="${barY + layout.barHeight / 2 + 5}" font-size="13" fill="#0b0c0c">${escapeXml(label)}</text>`,
      );
    });
    y += tall + layout.groupGap;
  }
  parts.push(
    `<line x1="${plotLeft}" y1="${layout.top + legend - 2}" x2="${plotLeft}" y2="${y - layout.groupGap + 2}" stroke="#0b0c0c" stroke-width="2"/>`,
  );
  parts.push(`<text x="${plotLeft}" y="${y + 12}" font-size="12" fill="#505a5f">0</text>`);
  parts.push(
    `<text x="${plotLeft + plotWidth}" y="${y + 12}" font-size="12" text-anchor="end" fill="#505a5f">${escapeXml(`${max} ${chart.valueLabel}`)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

function patternDef(chartId: string, i: number): string {
  const style = seriesStyles[i % seriesStyles.length]!;
  const id = `${chartId}-p${i}`;
  if (style.pattern === 'solid')
    return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${style.fill}"/></pattern>`;
  if (style.pattern === 'stripes') {
    return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><rect width="4" height="8" fill="${style.fill}"/></pattern>`;
  }
  return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2.5" fill="${style.fill}"/></pattern>`;
}

/** The chart's facts as rows for a govuk table (and the PDF): one row per group. */
export function chartTable(chart: Chart): { head: string[]; rows: string[][] } {
  return {
    head: [chart.groupHeading, ...chart.series.map((s) => s.label)],
    rows: chart.groups.map((g) => [g.label, ...g.values.map((v) => v.text)]),
  };
}

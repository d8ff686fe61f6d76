import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { chartTable, escapeXml, niceMax, renderChartSvg, seriesStyles, type Chart } from './charts.ts';

// V4: charts everyone can read, including with a screen reader, on paper, or without colour.
type El = { name: string; attributes: Record<string, string>; children: El[]; text: string };

/** Parses the SVG as strict XML (a broken tag fails the test) into a small tree. */
function parse(svg: string): El {
  const parser = new SaxesParser({ xmlns: false });
  const root: El = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: El[] = [root];
  parser.on('opentag', (tag) => {
    const el: El = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])),
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (text) => (stack.at(-1)!.text += text));
  parser.on('closetag', () => stack.pop());
  parser.write(svg).close();
  return root.children[0]!;
}
const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

const people: Chart = {
  id: 'chart-people',
  kind: 'bar',
  title: 'People who took part, by perspective',
  description: 'More staff than carers took part. Fewer than 8 carers took part.',
  valueLabel: 'people',
  groupHeading: 'Perspective',
  series: [{ key: 'people', label: 'People' }],
  groups: [
    { label: 'People who draw on care', values: [{ value: 15, text: '15' }] },
    { label: 'Carers', values: [{ value: null, text: 'fewer than 8' }] },
    { label: 'Staff & partners', values: [{ value: 20, text: '20' }] },
  ],
};

const gap: Chart = {
  id: 'chart-gap',
  kind: 'grouped',
  title: 'How staff and people with lived experience rate each piece',
  description: 'Staff rate culture higher than people with lived experience.',
  valueLabel: 'out of 5',
  max: 5,
  groupHeading: 'Jigsaw piece',
  series: [
    { key: 'lived', label: 'Lived experience' },
    { key: 'staff', label: 'Staff' },
  ],
  groups: [
    {
      label: 'Culture',
      values: [
        { value: 2.5, text: '2.5' },
        { value: 4.1, text: '4.1' },
      ],
    },
    {
      label: 'Review',
      values: [
        { value: null, text: 'Not enough answers' },
        { value: 3, text: '3.0' },
      ],
    },
  ],
};

describe('server-rendered SVG charts', () => {
  test('a chart is an image named by its title and description', () => {
    const svg = parse(renderChartSvg(people));
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.role, 'img');
    assert.equal(svg.attributes['aria-labelledby'], 'chart-people-title chart-people-desc');
    const title = svg.children.find((c) => c.name === 'title')!;
    const desc = svg.children.find((c) => c.name === 'desc')!;
    assert.deepEqual([title.attributes.id, title.text], ['chart-people-title', people.title]);
    assert.deepEqual([desc.attributes.id, desc.text], ['chart-people-desc', people.description]);
    assert.equal(svg.children[0]!.name, 'title', 'the title comes first, as SVG asks');
  });

  test('one bar per shown value, none for a hidden one, and every value is written out', () => {
    const svg = parse(renderChartSvg(people));
    const bars = all(svg, 'rect').filter((r) => r.attributes.class === 'app-chart__bar');
    assert.equal(bars.length, 2);
    // 20 is the top of the axis, so its bar fills the plot; 15 is three quarters of it.
    assert.ok(Math.abs(Number(bars[0]!.attributes.width) / Number(bars[1]!.attributes.width) - 0.75) < 0.01);
    // A text's words, with a wrapped label's lines joined back together.
    const texts = all(svg, 'text').map((t) => [t.text, ...all(t, 'tspan').map((s) => s.text)].filter(Boolean).join(' '));
    for (const s of [
      'People who draw on care',
      'Carers',
      'Staff &amp; partners'.replace('&amp;', '&'),
      '15',
      'fewer than 8',
      '20',
      '20 people',
    ])
      assert.ok(texts.includes(s), `missing ${s}`);
  });

  test('a long group name wraps onto lines that fit the label column, so no word is cut off', () => {
    const long: Chart = { ...people, groups: [{ label: 'People who draw on care and support', values: [{ value: 15, text: '15' }] }] };
    const svg = parse(renderChartSvg(long));
    const lines = all(svg, 'tspan').map((s) => s.text);
    assert.deepEqual(lines.join(' '), 'People who draw on care and support');
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(line.length <= 18, `"${line}" is too long for the label column`);
  });

  test('a grouped chart tells series apart by pattern and label, not colour alone', () => {
    const svg = parse(renderChartSvg(gap));
    const patterns = all(svg, 'pattern');
    assert.deepEqual(
      patterns.map((p) => p.attributes.id),
      ['chart-gap-p0', 'chart-gap-p1'],
    );
    assert.equal(all(patterns[0]!, 'rect').length, 1, 'the first series is solid');
    assert.equal(patterns[1]!.attributes.patternTransform, 'rotate(45)', 'the second is striped');
    const keys = all(svg, 'rect').filter((r) => r.attributes.class === 'app-chart__key');
    assert.equal(keys.length, 2);
    // A text's words, with a wrapped label's lines joined back together.
    const texts = all(svg, 'text').map((t) => [t.text, ...all(t, 'tspan').map((s) => s.text)].filter(Boolean).join(' '));
    for (const s of [
      'Lived experience',
      'Staff',
      'Lived experience: 2.5',
      'Staff: 4.1',
      'Lived experience: Not enough answers',
      'Staff: 3.0',
      '5 out of 5',
    ])
      assert.ok(texts.includes(s), `missing ${s}`);
    const bars = all(svg, 'rect').filter((r) => r.attributes.class === 'app-chart__bar');
    assert.deepEqual(
      bars.map((b) => b.attributes.fill),
      ['url(#chart-gap-p0)', 'url(#chart-gap-p1)', 'url(#chart-gap-p1)'],
    );
  });

  test('colours keep at least 4.5:1 contrast against white', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const s of seriesStyles) assert.ok((1 + 0.05) / (luminance(s.fill) + 0.05) >= 4.5, s.fill);
    assert.equal(new Set(seriesStyles.map((s) => s.pattern)).size, seriesStyles.length);
  });

  test('words are escaped: a project called <Fish & Chips> cannot break the page', () => {
    const chart = { ...people, title: 'Lunch <Fish & Chips> "club"', groups: [{ label: '<script>', values: [{ value: 3, text: '3' }] }] };
    const markup = renderChartSvg(chart);
    assert.doesNotMatch(markup, /<script>/);
    const svg = parse(markup);
    assert.equal(svg.children.find((c) => c.name === 'title')!.text, 'Lunch <Fish & Chips> "club"');
    assert.equal(escapeXml(`'`), '&#39;');
  });

  test('the data table has the same facts as the chart', () => {
    assert.deepEqual(chartTable(gap), {
      head: ['Jigsaw piece', 'Lived experience', 'Staff'],
      rows: [
        ['Culture', '2.5', '4.1'],
        ['Review', 'Not enough answers', '3.0'],
      ],
    });
  });

  test('the axis top is a tidy number at least as big as every value', () => {
    assert.deepEqual(
      [niceMax([]), niceMax([null]), niceMax([0]), niceMax([3]), niceMax([7]), niceMax([15]), niceMax([20]), niceMax([101])],
      [1, 1, 1, 5, 10, 20, 20, 200],
    );
    fc.assert(
      fc.property(fc.array(fc.option(fc.float({ min: 0, max: 1e6, noNaN: true }))), (vs) => {
        const top = niceMax(vs);
        for (const v of vs) if (v !== null) assert.ok(top >= v);
      }),
    );
  });

  test('property: any chart is well-formed XML with one bar per non-zero shown value', () => {
    const value = fc.option(fc.nat({ max: 500 }), { nil: null }).map((v) => ({ value: v, text: v === null ? 'fewer than 8' : String(v) }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 5 }),
        fc.array(value, { minLength: 15, maxLength: 15 }),
        (n, labels, values) => {
          const chart: Chart = {
            ...gap,
            max: undefined,
            series: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, label: `Series ${i}` })),
            groups: labels.map((label, g) => ({ label, values: values.slice(g * n, g * n + n) })),
          };
          const svg = parse(renderChartSvg(chart));
          const expected = chart.groups.flatMap((g) => g.values).filter((v) => v.value !== null && v.value > 0).length;
          assert.equal(all(svg, 'rect').filter((r) => r.attributes.class === 'app-chart__bar').length, expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

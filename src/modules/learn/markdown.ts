import MarkdownIt from 'markdown-it';

// A module's text is markdown an admin may edit. markdown-it with HTML switched off turns any
// tag typed into the text into plain words, and its link check refuses javascript:, vbscript:
// and data: addresses (other than images), so what an admin writes can never run as script.
// Images without words for a screen reader are refused rather than shown without them.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Our pages use GOV.UK Frontend's styles: each element gets its class, as the design system
// shows them, so an edited module looks like every other page.
const classes: Record<string, string> = {
  heading_open: '',
  paragraph_open: 'govuk-body',
  bullet_list_open: 'govuk-list govuk-list--bullet',
  ordered_list_open: 'govuk-list govuk-list--number',
  link_open: 'govuk-link',
  table_open: 'govuk-table',
  blockquote_open: 'govuk-inset-text',
};
const headingClass: Record<string, string> = { h1: 'govuk-heading-l', h2: 'govuk-heading-m', h3: 'govuk-heading-s' };

md.core.ruler.push('govuk_classes', (state) => {
  for (const token of state.tokens) {
    const cls = token.type === 'heading_open' ? (headingClass[token.tag] ?? 'govuk-heading-s') : classes[token.type];
    if (cls) token.attrJoin('class', cls);
    for (const child of token.children ?? []) {
      if (child.type === 'link_open') child.attrJoin('class', 'govuk-link');
      if (child.type === 'image') child.attrJoin('class', 'app-learn-image');
    }
  }
});

/** Whether every image in the text has words saying what it shows. */
export function imagesHaveAltText(markdown: string): boolean {
  const tokens = md.parse(markdown, {});
  return tokens.every((t) => (t.children ?? []).every((c) => c.type !== 'image' || c.content.trim() !== ''));
}

/** The module's text as HTML, safe to put in a page as it is. */
export function renderModule(markdown: string): string {
  return md.render(markdown);
}

/** The words alone, without markdown's marks: what the plain text view and the PDF show. */
export function plainText(markdown: string): string {
  const out: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type !== 'inline') continue;
    const words = (token.children ?? [])
      .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : ''))
      .join('');
    if (words.trim()) out.push(words.trim());
  }
  return out.join('\n');
}

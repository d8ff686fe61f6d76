import type { Translate } from '../../platform/i18n.ts';
import { pdfGrey, pdfHeading, pdfParagraph, taggedPdf } from '../../platform/pdf.ts';
import { formatDate } from '../../platform/time.ts';
import type { LearnService } from './service.ts';

type Certificate = Awaited<ReturnType<LearnService['certificate']>>;

/** The lines a certificate prints, in words: the same for the page and the PDF. */
export function certificateLines(c: Certificate, t: Translate): string[] {
  const { totals } = c;
  return totals.lines.map((line) => {
    switch (line) {
      case 'hoursGiven':
        return t('learn:certificate.hoursGiven', { count: totals.hoursGiven });
      case 'meetings':
        return t('learn:certificate.meetings', { count: totals.meetings });
      case 'training':
        return t('learn:certificate.training', { count: totals.courses, hours: t('learn:hours', { count: totals.trainingHours }) });
      case 'modules':
        return t('learn:certificate.modules', { count: totals.modules });
      case 'credits':
        return t('learn:certificate.credits', { count: totals.creditHours });
    }
  });
}

/** A one-page tagged PDF of the certificate, to print or attach to a job application. */
export function certificatePdf(c: Certificate, t: Translate): Promise<Buffer> {
  const title = t('learn:certificate.title');
  const { doc, root } = taggedPdf({ title: `${title}: ${c.person.name}`, author: c.organisation, subject: title });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  pdfHeading(doc, root, 'H1', title);
  pdfParagraph(doc, root, t('learn:certificate.awardedTo', { name: c.person.name, organisation: c.organisation }), { size: 14 });
  if (c.totals.empty) pdfParagraph(doc, root, t('learn:certificate.empty'));
  else {
    pdfHeading(doc, root, 'H2', t('learn:certificate.whatTheyDid'));
    for (const line of certificateLines(c, t)) pdfParagraph(doc, root, `• ${line}`);
    if (c.totals.hoursGiven > 0) pdfParagraph(doc, root, t('learn:certificate.hoursGivenHint'), { colour: pdfGrey, size: 10 });
  }
  if (c.modules.length) {
    pdfHeading(doc, root, 'H2', t('learn:certificate.modulesTitle'));
    for (const title of c.modules) pdfParagraph(doc, root, `• ${title}`);
  }
  pdfParagraph(doc, root, t('learn:certificate.skills'));
  pdfParagraph(doc, root, t('learn:certificate.issued', { date: formatDate(c.issuedOn), organisation: c.organisation }), {
    colour: pdfGrey,
    size: 10,
  });
  doc.end();
  return done;
}

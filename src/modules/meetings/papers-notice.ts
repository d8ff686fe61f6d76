// P2: everyone has enough information to take part and to decide. Papers that arrive the
// night before shut out anyone who needs time to read, or needs them in another format,
// so each meeting has a notice period and we show which papers missed it and who lacks what.
import type { FormatNeed } from '../people/vocabulary.ts';
import { addLondonDays } from './meeting-time.ts';
import { paperFormats, type PaperFormat } from './vocabulary.ts';

/** The paper version each format need calls for. A spoken interpreter is a person, not a paper. */
export const paperFormatFor: Record<FormatNeed, PaperFormat | null> = {
  'easy-read': 'easy-read',
  'large-print': 'large-print',
  audio: 'audio',
  braille: 'braille',
  bsl: 'bsl-video',
  interpreter: null,
};

type PaperInput = { id: string; title: string; files: ReadonlyArray<{ format: PaperFormat; uploadedAt: string }> };

export function papersNotice(input: {
  startsAt: string;
  noticeDays: number;
  now: string;
  papers: ReadonlyArray<PaperInput>;
  people: ReadonlyArray<{ personId: string; name: string; formats: readonly FormatNeed[] }>;
}): {
  deadline: string;
  deadlinePassed: boolean;
  papers: Array<{ id: string; title: string; formats: PaperFormat[]; late: boolean }>;
  lacking: Array<{ personId: string; name: string; format: PaperFormat; papers: Array<{ id: string; title: string }> }>;
} {
  // Same London clock time N days before, so "a week's notice" survives a clock change.
  const deadline = addLondonDays(input.startsAt, -input.noticeDays);
  const deadlineAt = Date.parse(deadline);
  // Compared as instants, not strings: stored timestamps may differ in precision or offset.
  const deadlinePassed = Date.parse(input.now) > deadlineAt;

  const papers = input.papers.map((p) => {
    const uploads = p.files.map((f) => Date.parse(f.uploadedAt));
    // The first version to arrive is what gave people notice; later formats are tracked in `lacking`.
    const late = uploads.length ? Math.min(...uploads) > deadlineAt : deadlinePassed;
    return { id: p.id, title: p.title, formats: paperFormats.filter((f) => p.files.some((x) => x.format === f)), late };
  });

  const lacking = input.people.flatMap((person) => {
    const wanted = new Set(person.formats.map((f) => paperFormatFor[f]));
    return paperFormats
      .filter((format) => wanted.has(format))
      .map((format) => ({
        personId: person.personId,
        name: person.name,
        format,
        papers: input.papers.filter((p) => !p.files.some((f) => f.format === format)).map((p) => ({ id: p.id, title: p.title })),
      }))
      .filter((entry) => entry.papers.length > 0);
  });

  return { deadline, deadlinePassed, papers, lacking };
}

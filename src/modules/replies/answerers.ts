import type { ReplyActionKind } from '../../db/schema/replies.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { LiveAction, RecordedBy } from './service.ts';

/** What the answer page shows for one action: its own words and fields inside the shared page. */
export type AnswerPage = {
  heading: string;
  /** A partial that shows what the action is about and its fields (no button). */
  fieldsTemplate: string;
  data: Record<string, unknown>;
  /** Set when the action cannot be answered now (voting not open yet): shown instead of the form. */
  closedReason?: string;
};

export type AnswerSaved = { ok: true; thanks: string } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/**
 * How one kind of action is answered, owned by the module whose thing it is (a meeting, a
 * proposal). The replies module opens the link or the code, then hands over to this.
 */
export type Answerer = {
  /** `shown` is the page of the link asked for (?page=), for an action with several steps. */
  page(action: LiveAction, values: Record<string, unknown> | null, shown?: ViewerPage): Promise<AnswerPage | null>;
  save(action: LiveAction, body: unknown, recorded: RecordedBy | null): Promise<AnswerSaved>;
};

/** Kinds a link only shows, with nothing to answer: a person's statement. */
export type ShowOnlyKind = 'statement';

/**
 * How a show-only kind is shown: its page has no form, and each opening by link is written
 * to the audit log instead of an answer. A long one is shown a page at a time: `shown` says
 * which page, and how to link to another page of the same link.
 */
export type Viewer = {
  page(action: LiveAction, shown?: ViewerPage): Promise<Omit<AnswerPage, 'closedReason'> | null>;
};
export type ViewerPage = { page: number; href: (page: number) => string };

export type Answerers = { [K in ReplyActionKind]: K extends ShowOnlyKind ? Viewer : Answerer };

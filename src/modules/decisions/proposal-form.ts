// The proposal form: the question, its options and the method's settings, checked and
// turned into a ProposalInput. Times are typed in London time and stored as UTC.
import { z } from 'zod';
import {
  dateFields,
  isoDateFromParts,
  optionalText,
  parseForm,
  requiredText,
  type FieldErrors,
  type FormResult,
} from '../../platform/forms.ts';
import { parseClockTime } from '../meetings/meeting-form.ts';
import { londonToUtc, toLondon } from '../meetings/meeting-time.ts';
import { moneyForInput, parseMoney } from '../../platform/money.ts';
import { newId } from '../../platform/ids.ts';
import {
  budgetWays,
  criterionRows,
  methods,
  optionRows,
  quorumKinds,
  type ProposalMethod,
  type ProposalSettings,
  type Quorum,
} from './vocabulary.ts';

export type OptionInput = { id: string | null; title: string; description: string | null; costPence: number | null };
export type ProposalInput = {
  question: string;
  background: string | null;
  meetingId: string | null;
  paperIds: string[];
  method: ProposalMethod;
  settings: ProposalSettings;
  options: OptionInput[];
  everyone: boolean;
  voterIds: string[];
  secret: boolean;
  opensAt: string;
  closesAt: string;
};

const list = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().uuid('errors:invalidChoice')),
);

const fields = z.object({
  question: requiredText('decisions:errors.questionRequired', 300),
  background: optionalText(4000),
  meetingId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid('errors:invalidChoice').nullable().default(null)),
  paperIds: list,
  method: z.enum(methods, { message: 'decisions:errors.methodRequired' }),
  secret: z.enum(['yes', 'no'], { message: 'decisions:errors.secretRequired' }),
  who: z.enum(['everyone', 'chosen'], { message: 'decisions:errors.whoRequired' }),
  voterIds: list,
  opens: isoDateFromParts('decisions:errors.opensDateRequired', 'decisions:errors.dateInvalid'),
  opensTime: requiredText('decisions:errors.opensTimeRequired', 20),
  closes: isoDateFromParts('decisions:errors.closesDateRequired', 'decisions:errors.dateInvalid'),
  closesTime: requiredText('decisions:errors.closesTimeRequired', 20),
});

const text = (b: Record<string, unknown>, name: string) => (typeof b[name] === 'string' ? (b[name] as string).trim() : '');
const wholeNumber = (s: string) => (/^\d{1,6}$/.test(s) ? Number(s) : null);

function instant(date: string | undefined, time: string | undefined, errors: FieldErrors, field: string): string | null {
  if (!date || !time) return null;
  const clock = parseClockTime(time);
  if (!clock) {
    errors[field] = 'decisions:errors.timeInvalid';
    return null;
  }
  const at = londonToUtc(date, clock);
  if (!at.ok) {
    errors[field] = at.reason === 'does-not-exist' ? 'decisions:errors.timeSkipped' : 'decisions:errors.timeInvalid';
    return null;
  }
  return at.iso;
}

function settingsOf(method: ProposalMethod, b: Record<string, unknown>, errors: FieldErrors): ProposalSettings {
  if (method === 'majority') {
    const kind = text(b, 'quorumKind');
    if (!(quorumKinds as readonly string[]).includes(kind)) {
      errors.quorumKind = 'decisions:errors.quorumKindRequired';
      return {};
    }
    if (kind === 'none') return { quorum: { kind: 'none' } };
    const n = wholeNumber(text(b, 'quorumValue'));
    if (n === null || n < 1 || (kind === 'percent' && n > 100)) {
      errors.quorumValue = kind === 'percent' ? 'decisions:errors.quorumPercent' : 'decisions:errors.quorumPeople';
      return {};
    }
    const quorum: Quorum = kind === 'people' ? { kind: 'people', minimum: n } : { kind: 'percent', percent: n };
    return { quorum };
  }
  if (method === 'dot-voting') {
    const n = wholeNumber(text(b, 'dotsEach'));
    if (n === null || n < 1 || n > 100) errors.dotsEach = 'decisions:errors.dotsEach';
    return { dotsEach: n ?? 0 };
  }
  if (method === 'scoring') {
    const criteria = [];
    for (let i = 1; i <= criterionRows; i++) {
      const name = text(b, `criterion${i}Name`);
      const weightText = text(b, `criterion${i}Weight`);
      if (!name && !weightText) continue;
      if (!name) errors[`criterion${i}Name`] = 'decisions:errors.criterionName';
      if (name.length > 200) errors[`criterion${i}Name`] = 'errors:tooLong';
      const weight = wholeNumber(weightText);
      if (weight === null || weight < 1 || weight > 10) errors[`criterion${i}Weight`] = 'decisions:errors.criterionWeight';
      criteria.push({ id: text(b, `criterion${i}Id`) || newId(), name, weight: weight ?? 1 });
    }
    if (criteria.length === 0) errors.criterion1Name = 'decisions:errors.criteriaRequired';
    return { criteria };
  }
  if (method === 'budget') {
    const way = text(b, 'budgetWay');
    if (!(budgetWays as readonly string[]).includes(way)) errors.budgetWay = 'decisions:errors.budgetWayRequired';
    const money = parseMoney(text(b, 'budget'));
    if (!money.ok || money.pence === 0) errors.budget = 'decisions:errors.budget';
    return { budgetPence: money.ok ? money.pence : 0, budgetWay: way === 'allocate' ? 'allocate' : 'approve' };
  }
  return {};
}

function optionsOf(method: ProposalMethod, b: Record<string, unknown>, errors: FieldErrors): OptionInput[] {
  // Consent asks about the proposal itself: there are no options to choose between.
  if (method === 'consent') return [];
  const options: OptionInput[] = [];
  for (let i = 1; i <= optionRows; i++) {
    const title = text(b, `option${i}Title`);
    const description = text(b, `option${i}Description`);
    const costText = text(b, `option${i}Cost`);
    if (!title && !description && !costText) continue;
    if (!title) errors[`option${i}Title`] = 'decisions:errors.optionTitle';
    if (title.length > 200) errors[`option${i}Title`] = 'errors:tooLong';
    if (description.length > 2000) errors[`option${i}Description`] = 'errors:tooLong';
    let costPence: number | null = null;
    if (method === 'budget') {
      const money = parseMoney(costText);
      if (!money.ok) errors[`option${i}Cost`] = 'decisions:errors.optionCost';
      else costPence = money.pence;
    }
    const id = text(b, `option${i}Id`);
    options.push({ id: /^[0-9a-f-]{36}$/.test(id) ? id : null, title, description: description || null, costPence });
  }
  if (options.length < 2 && !errors.option1Title) errors.option1Title = 'decisions:errors.twoOptions';
  return options;
}

/** Checks the whole form at once, so every problem shows together. */
export function parseProposalForm(body: unknown, now: Date): FormResult<ProposalInput> {
  const b: Record<string, unknown> = {
    ...((body ?? {}) as Record<string, unknown>),
    opens: dateFields(body, 'opens'),
    closes: dateFields(body, 'closes'),
  };
  const base = parseForm(fields, b);
  const errors: FieldErrors = base.ok ? {} : { ...base.errors };
  const good = (name: keyof typeof fields.shape) => {
    const parsed = fields.shape[name].safeParse(b[name]);
    return parsed.success ? (parsed.data as never) : undefined;
  };
  const method = good('method') as ProposalMethod | undefined;
  const settings = method ? settingsOf(method, b, errors) : {};
  const options = method ? optionsOf(method, b, errors) : [];
  const opensAt = instant(good('opens'), good('opensTime'), errors, 'opensTime');
  const closesAt = instant(good('closes'), good('closesTime'), errors, 'closesTime');
  if (opensAt && closesAt && closesAt <= opensAt) errors.closesTime = 'decisions:errors.closesBeforeOpens';
  else if (closesAt && closesAt <= now.toISOString()) errors.closesTime = 'decisions:errors.closesInPast';
  const who = good('who') as 'everyone' | 'chosen' | undefined;
  const voterIds = (good('voterIds') as string[] | undefined) ?? [];
  if (who === 'chosen' && voterIds.length === 0) errors.voterIds = 'decisions:errors.votersRequired';
  // A panel's scores are shown member by member, so a scoring vote cannot be secret.
  if (method === 'scoring' && good('secret') === 'yes') errors.secret = 'decisions:errors.scoringNotSecret';
  if (!base.ok || Object.keys(errors).length || !method || !opensAt || !closesAt) return { ok: false, errors };
  const f = base.data;
  return {
    ok: true,
    data: {
      question: f.question,
      background: f.background,
      meetingId: f.meetingId,
      paperIds: [...new Set(f.paperIds)],
      method,
      settings,
      options,
      everyone: f.who === 'everyone',
      voterIds: f.who === 'chosen' ? [...new Set(f.voterIds)] : [],
      secret: f.secret === 'yes',
      opensAt,
      closesAt,
    },
  };
}

const boxes = (iso: string) => {
  const l = toLondon(iso);
  const [year, month, day] = l.date.split('-');
  return { date: { day: String(Number(day)), month: String(Number(month)), year }, time: l.time };
};

/** A saved proposal shown in the form's boxes. */
export function proposalFormValues(p: ProposalInput & { options: Array<OptionInput & { id: string }> }) {
  const opens = boxes(p.opensAt);
  const closes = boxes(p.closesAt);
  const v: Record<string, unknown> = {
    question: p.question,
    background: p.background ?? '',
    meetingId: p.meetingId ?? '',
    paperIds: p.paperIds,
    method: p.method,
    secret: p.secret ? 'yes' : 'no',
    who: p.everyone ? 'everyone' : 'chosen',
    voterIds: p.voterIds,
    opens: opens.date,
    opensTime: opens.time,
    closes: closes.date,
    closesTime: closes.time,
    quorumKind: p.settings.quorum?.kind ?? 'none',
    quorumValue:
      p.settings.quorum?.kind === 'people'
        ? String(p.settings.quorum.minimum)
        : p.settings.quorum?.kind === 'percent'
          ? String(p.settings.quorum.percent)
          : '',
    dotsEach: p.settings.dotsEach ? String(p.settings.dotsEach) : '',
    budget: p.settings.budgetPence ? moneyForInput(p.settings.budgetPence) : '',
    budgetWay: p.settings.budgetWay ?? '',
  };
  p.options.forEach((o, i) => {
    v[`option${i + 1}Id`] = o.id;
    v[`option${i + 1}Title`] = o.title;
    v[`option${i + 1}Description`] = o.description ?? '';
    v[`option${i + 1}Cost`] = o.costPence === null ? '' : moneyForInput(o.costPence);
  });
  (p.settings.criteria ?? []).forEach((c, i) => {
    v[`criterion${i + 1}Id`] = c.id;
    v[`criterion${i + 1}Name`] = c.name;
    v[`criterion${i + 1}Weight`] = String(c.weight);
  });
  return v;
}

/** What was typed, shown again after an error: the date boxes gathered as the form wants them. */
export function proposalFormBody(body: unknown): Record<string, unknown> {
  const b = { ...((body ?? {}) as Record<string, unknown>) };
  delete b._csrf;
  for (const f of ['paperIds', 'voterIds']) b[f] = b[f] === undefined || b[f] === '' ? [] : Array.isArray(b[f]) ? b[f] : [b[f]];
  return { ...b, opens: dateFields(body, 'opens'), closes: dateFields(body, 'closes') };
}

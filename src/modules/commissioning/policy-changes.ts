// P6, "written with members": a new version of the commissioning policy shows what changed
// from the one before, beside what people said about its draft, so members can see what
// their comments did. Pure, so a table of cases pins it down.

export type PolicyWords = {
  codes: readonly string[];
  criteria: ReadonlyArray<{ name: string; weight: number }>;
  bidChecks: string;
  contractChecks: string;
  writtenWith: string;
};
export const policyTextParts = ['bidChecks', 'contractChecks', 'writtenWith'] as const;

export type PolicyChange =
  | { kind: 'code-added' | 'code-removed'; code: string }
  | { kind: 'criterion-added' | 'criterion-removed'; name: string; weight: number }
  | { kind: 'weight-changed'; name: string; from: number; to: number }
  | { kind: 'text-changed'; part: (typeof policyTextParts)[number] };

/** What changed from one version to the next; the first version changes nothing (it is all new). */
export function policyChanges(before: PolicyWords | null, after: PolicyWords): PolicyChange[] {
  if (!before) return [];
  const changes: PolicyChange[] = [];
  for (const code of after.codes) if (!before.codes.includes(code)) changes.push({ kind: 'code-added', code });
  for (const code of before.codes) if (!after.codes.includes(code)) changes.push({ kind: 'code-removed', code });
  // Criteria are matched by name, ignoring case and spaces at the ends: the same words are the same criterion.
  const key = (name: string) => name.trim().toLowerCase();
  const was = new Map(before.criteria.map((c) => [key(c.name), c]));
  const now = new Map(after.criteria.map((c) => [key(c.name), c]));
  for (const c of after.criteria) {
    const old = was.get(key(c.name));
    if (!old) changes.push({ kind: 'criterion-added', name: c.name, weight: c.weight });
    else if (old.weight !== c.weight) changes.push({ kind: 'weight-changed', name: c.name, from: old.weight, to: c.weight });
  }
  for (const c of before.criteria) if (!now.has(key(c.name))) changes.push({ kind: 'criterion-removed', name: c.name, weight: c.weight });
  for (const part of policyTextParts) if (before[part].trim() !== after[part].trim()) changes.push({ kind: 'text-changed', part });
  return changes;
}

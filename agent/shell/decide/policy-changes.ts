/** One setting a `set-policy` changed, by its path in the policy section (`fail.rttMs`). */
export interface PolicySettingChange {
  setting: string;
  from: unknown;
  to: unknown;
}

/**
 * What a set-policy did, setting by setting: the reply says it so the operator
 * sees the effect of a partial policy instead of guessing what the rest became.
 * `unchanged`: settings the command named with the value already in force.
 */
export function policyChanges(
  before: object,
  after: object,
  patch: Record<string, unknown>,
): { applied: PolicySettingChange[]; unchanged: string[] } {
  const applied: PolicySettingChange[] = [];
  const unchanged: string[] = [];
  for (const setting of leafPaths(patch)) {
    const from = at(before, setting);
    const to = at(after, setting);
    if (JSON.stringify(from) === JSON.stringify(to)) unchanged.push(setting);
    else applied.push({ setting, from: from ?? null, to: to ?? null });
  }
  return { applied, unchanged };
}

/** Paths of the values a document sets; arrays are values, not sections. */
function leafPaths(doc: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0
      ? leafPaths(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

function at(doc: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
}

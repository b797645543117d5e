import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Decision, Reason } from '../../../agent/core/policy/types.js';
import type { BadCause } from '../../../agent/core/policy/health.js';
import type { RouteViolation } from '../../../agent/core/route-expectations.js';
import type { BadCausePayload, DecisionPayload, ReasonPayload, RouteViolationPayload } from '../../../proto/payloads.js';
import { COMMAND_NAMES, REFUSAL_CODES } from '../../../proto/commands.js';
import { commandArgsSchemas, createPayloadValidators, PAYLOAD_SCHEMAS, type Schema } from '../../../proto/schemas/index.js';
import { LEAVES, type Leaf } from '../../../proto/topics.js';
import { EXAMPLES } from './examples.js';

// The core's types must fit the payload types unchanged: if the core grows a
// reason code, this stops compiling until the contract learns it.
const fits = <T>(_: T) => true;
fits<ReasonPayload>({} as Reason);
fits<DecisionPayload>({} as Decision);
fits<BadCausePayload>({} as BadCause);
fits<RouteViolationPayload>({} as RouteViolation);

const v = createPayloadValidators();

/** Every property path a schema names (through oneOf/anyOf/items). */
function schemaPaths(s: Schema, at = ''): string[] {
  const out: string[] = [];
  for (const alt of [...((s.oneOf as Schema[]) ?? []), ...((s.anyOf as Schema[]) ?? [])]) out.push(...schemaPaths(alt, at));
  if (s.items) out.push(...schemaPaths(s.items as Schema, `${at}[]`));
  for (const [k, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {}))
    out.push(`${at}.${k}`, ...schemaPaths(sub, `${at}.${k}`));
  return out;
}

/** Every property path present in a value. */
function valuePaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((x) => valuePaths(x, `${at}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, x]) => [`${at}.${k}`, ...valuePaths(x, `${at}.${k}`)]);
}

/** Sub-schemas shared between leaves (decision, reason, cause) count wherever an example shows them. */
const shared = (path: string) => path.replace(/^.*\.(reason|cause)\./, '$1.').replace(/^\.lastDecision\./, '.decision.');

describe('payload schemas and types', () => {
  for (const leaf of LEAVES) {
    it(`${leaf}: every example built from the TS type validates`, () => {
      for (const example of EXAMPLES[leaf]) expect(v.payload(leaf, example), JSON.stringify(example)).toBeNull();
    });

    it(`${leaf}: every property in the schema appears in some example (no schema-only fields)`, () => {
      const present = new Set(LEAVES.flatMap((l) => EXAMPLES[l].flatMap((e) => valuePaths(e).map(shared))));
      const missing = [...new Set(schemaPaths(PAYLOAD_SCHEMAS[leaf]).map(shared))].filter((p) => !present.has(p));
      expect(missing).toEqual([]);
    });

    it(`${leaf}: unknown fields, a missing version and a wrong version are rejected`, () => {
      const example = EXAMPLES[leaf][0] as unknown as Record<string, unknown>;
      expect(v.payload(leaf, { ...example, surprise: 1 })).not.toBeNull();
      const { v: _v, ...noVersion } = example;
      expect(v.payload(leaf, noVersion)).not.toBeNull();
      expect(v.payload(leaf, { ...example, v: 2 })).not.toBeNull();
    });
  }

  it('decode tags a valid payload with its leaf and the same object; an invalid one gives the errors payload() gives', () => {
    for (const leaf of LEAVES) {
      const example = EXAMPLES[leaf][0]!;
      const r = v.decode(leaf, example);
      expect(r).toEqual({ ok: true, payload: { leaf, body: example } });
      const bad = { ...example, surprise: 1 };
      const d = v.decode(leaf, bad);
      expect(d.ok).toBe(false);
      expect(d.ok ? [] : d.errors).toEqual(v.payload(leaf, bad));
    }
    // A payload valid for another leaf is not decoded as this one.
    expect(v.decode('state', EXAMPLES.event[0]).ok).toBe(false);
  });

  it('has an argument schema for every command and a reply code for every refusal', () => {
    expect(Object.keys(commandArgsSchemas).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const code of REFUSAL_CODES) {
      expect(v.payload('reply', { v: 1, id: 'x', ts: 1, tx: 't', ok: false, error: { code, message: 'm' } })).toBeNull();
    }
  });

  it('every JSON example in proto/README.md validates against the schema of its leaf', () => {
    const readme = readFileSync(new URL('../../../proto/README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/<!-- example: ([a-z]+) -->\s*```json\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(LEAVES.length);
    const covered = new Set<string>();
    for (const [, leaf, json] of blocks) {
      covered.add(leaf!);
      expect(v.payload(leaf as Leaf, JSON.parse(json!)), `README example for ${leaf}`).toBeNull();
    }
    expect([...covered].sort()).toEqual([...LEAVES].sort());
  });
});

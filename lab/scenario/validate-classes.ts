/** Validation of a scenario's `classes`: each a name, a DSCP, a level and whether it is critical. */
import type { ClassLevel } from './schema.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const KEYS = ['name', 'dscp', 'loss', 'latency', 'jitter', 'critical'];

/** `classes: [{ name: voice, dscp: 46, loss: 1, latency: 150, jitter: 30, critical: true }, ...]`, at most four. */
export function parseClasses(v: unknown, problems: string[]): ClassLevel[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > 4) {
    problems.push('classes: a list of one to four classes (name, dscp, loss, latency, jitter, critical)');
    return undefined;
  }
  const out: ClassLevel[] = [];
  v.forEach((c, i) => {
    const where = `classes[${i}]`;
    if (!isObj(c)) {
      problems.push(`${where}: a mapping of ${KEYS.join(', ')}`);
      return;
    }
    for (const k of Object.keys(c)) if (!KEYS.includes(k)) problems.push(`${where}: unknown key "${k}" (${KEYS.join(', ')})`);
    const number = (k: string, max: number): number | undefined => {
      const x = c[k];
      if (typeof x === 'number' && x >= 0 && x <= max) return x;
      problems.push(`${where}.${k}: required, a number from 0 to ${max}`);
      return undefined;
    };
    const name =
      typeof c.name === 'string' && /^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(c.name)
        ? c.name
        : (problems.push(`${where}.name: a name (letters, digits, _ and -)`), undefined);
    const dscp =
      Number.isInteger(c.dscp) && (c.dscp as number) >= 0 && (c.dscp as number) <= 63
        ? (c.dscp as number)
        : (problems.push(`${where}.dscp: a DSCP from 0 to 63`), undefined);
    const lossPct = number('loss', 100),
      latencyMs = number('latency', 60000),
      jitterMs = number('jitter', 60000);
    if (c.critical !== undefined && typeof c.critical !== 'boolean') problems.push(`${where}.critical: true or false`);
    if (name && out.some((o) => o.name === name)) problems.push(`${where}.name: "${name}" is given twice`);
    if (name === undefined || dscp === undefined || lossPct === undefined || latencyMs === undefined || jitterMs === undefined) return;
    out.push({ name, dscp, lossPct, latencyMs, jitterMs, critical: c.critical === true });
  });
  return out;
}

import type { ErrorObject } from 'ajv';
import { canonicalInterface } from '../parsers/interface-name.js';
import { parseByteSize } from './byte-size.js';
import { crossCheck } from './cross-check.js';
import { escapeControls, hasUrlUserinfo, SECRET_KEYS, showValue } from './issue-text.js';
import { patternName } from './pattern-names.js';
import { validateSchema } from './schema-validator.js';
import { isCompleteRouter, type AgentConfig, type FlexvpnConfig, type SchemaValidConfig } from './types.js';

export interface ConfigIssue {
  /** Where, as a path into the document: `flexvpn.peers[1].address`. */
  path: string;
  message: string;
  /** Set on faults of the file itself; schema and cross-field issues are told apart by path. */
  code?: 'CONFIG_UNREADABLE' | 'CONFIG_TOO_LARGE' | 'CONFIG_TOO_DEEP' | 'CONFIG_YAML_SYNTAX' | 'CONFIG_YAML_ALIAS' | 'CONFIG_INTERNAL';
}

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; issues: ConfigIssue[] };

/**
 * Validates a parsed configuration document once, reporting every problem
 * with its path. Interface names may be abbreviated (`Gi0/0`): they are
 * expanded first, as IOS would.
 */
export function validateConfig(input: unknown): ConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '', message: 'the configuration must be a mapping (YAML keys and values)' }] };
  }
  const doc = structuredClone(input) as Record<string, unknown>;
  canonicaliseInterfaces(doc);
  if (!validateSchema(doc)) return { ok: false, issues: describe(validateSchema.errors ?? []) };
  const metered = normaliseMetered(doc);
  const issues = [...metered.issues, ...crossCheck(doc)];
  if (issues.length > 0) return { ok: false, issues };
  return complete(doc, metered.flexvpn);
}

/**
 * A validated configuration as a file would say it (`config check --print`, the lab's printed
 * configuration): the sections its topology does not have are left out, as the schema requires.
 */
export function asWritten(config: AgentConfig): AgentConfig {
  if (config.topology === 'dual-cloud') {
    const { flexvpn: _none, ...written } = config;
    return written;
  }
  const { dualCloud: _none, ...written } = config;
  return written;
}

/**
 * The AgentConfig of a document the schema and the cross check accepted. The cross check requires
 * what is asked here (the transport's section, flexvpn with topology failover, dualCloud with
 * dual-cloud, one return-path tag), so the internal issues cannot happen; they are said rather than cast.
 */
function complete(c: SchemaValidConfig, flexvpn: FlexvpnConfig | undefined): ConfigResult {
  const internal = (path: string, message: string): ConfigResult => ({ ok: false, issues: [{ path, message, code: 'CONFIG_INTERNAL' }] });
  const router = c.router;
  if (!isCompleteRouter(router)) return internal('router', `router.${router.transport} is required`);
  // Keys keep their places (each section overridden where the file has it): --print shows the file's order.
  if (c.topology === 'failover') {
    if (!flexvpn) return internal('flexvpn', 'is required');
    const { dualCloud: _none, ...failover } = c;
    return { ok: true, config: { ...failover, topology: 'failover', router, flexvpn } };
  }
  const { flexvpn: _none, ...dual } = c;
  if (!dual.dualCloud) return internal('dualCloud', 'is required');
  const { community, med } = dual.dualCloud.returnPath;
  const returnPath = community !== undefined ? { community } : med !== undefined ? { med } : undefined;
  if (!returnPath) return internal('dualCloud.returnPath', 'needs community or med');
  return { ok: true, config: { ...dual, topology: 'dual-cloud', router, dualCloud: { ...dual.dualCloud, returnPath } } };
}

function canonicaliseInterfaces(doc: Record<string, unknown>): void {
  const fix = (o: unknown, key: string) => {
    if (o && typeof o === 'object' && typeof (o as Record<string, unknown>)[key] === 'string') {
      (o as Record<string, string>)[key] = canonicalInterface((o as Record<string, string>)[key]!);
    }
  };
  const flex = doc.flexvpn as Record<string, unknown> | undefined;
  fix(flex, 'tunnel');
  if (Array.isArray(flex?.sources)) for (const s of flex.sources) fix(s, 'interface');
  if (Array.isArray(doc.candidates)) for (const c of doc.candidates) fix(c, 'source');
  const hubs = (doc.dualCloud as Record<string, unknown> | undefined)?.hubs;
  if (Array.isArray(hubs)) for (const h of hubs) fix(h, 'tunnel');
}

/** `budget: 2GB` becomes bytes, thresholds ascending: what the accounting core reads. */
function normaliseMetered(config: SchemaValidConfig): { issues: ConfigIssue[]; flexvpn?: FlexvpnConfig } {
  if (!config.flexvpn) return { issues: [] };
  const issues: ConfigIssue[] = [];
  const sources = config.flexvpn.sources.map((s, i) => {
    const { metered, ...unmetered } = s;
    if (!metered) return unmetered;
    const bytes = parseByteSize(metered.budget);
    if (bytes === undefined || bytes < 1) {
      issues.push({
        path: `flexvpn.sources[${i}].metered.budget`,
        message: `${showValue(metered.budget)} is not a budget of at least one byte (e.g. 2GB, 500MB)`,
      });
    }
    return { ...s, metered: { ...metered, budget: bytes ?? 0, thresholdsPct: [...metered.thresholdsPct].sort((a, b) => a - b) } };
  });
  return { issues, flexvpn: { ...config.flexvpn, sources } };
}

function describe(errors: ErrorObject[]): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // A secret that matches none of its forms yields one error per form; say it once.
    if (e.keyword === 'oneOf' || (e.schemaPath.includes('/oneOf/') && e.keyword !== 'additionalProperties')) {
      const path = toPath(e.instancePath);
      if (!seen.has(`secret:${path}`)) {
        seen.add(`secret:${path}`);
        out.push({ path, message: 'must be a string, {env: NAME} or {file: PATH}' });
      }
      continue;
    }
    const issue = describeOne(e);
    const key = `${issue.path}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

function describeOne(e: ErrorObject): ConfigIssue {
  const path = toPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const join = (child: string) => (path ? `${path}.${child}` : child);
  // Under a secret key the value is the secret: say what is wrong, never what it is.
  const isSecret = e.instancePath.split('/').some((seg) => SECRET_KEYS.has(seg));
  const got = () => (isSecret ? '' : ` (got ${showValue(e.data)})`);
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: join(escapeControls(String(p.additionalProperty))), message: 'unknown key' };
    case 'required':
      return { path: join(String(p.missingProperty)), message: 'is required' };
    case 'enum':
      return { path, message: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}${got()}` };
    case 'pattern': {
      if (typeof e.data === 'string' && hasUrlUserinfo(e.data)) return { path, message: URL_CREDENTIALS };
      const what = patternName(String(p.pattern));
      return { path, message: isSecret ? `is not a valid ${what}` : `${showValue(e.data)} is not a valid ${what}` };
    }
    case 'type':
      return { path, message: `must be ${String(p.type)}, not ${kindOf(e.data)}${got()}` };
    default:
      return { path, message: `${e.message ?? e.keyword}${got()}` };
  }
}

// Finding 8 (red team 2026-12-06): a URL's userinfo was printed by `config check --print` and logged on connect.
const URL_CREDENTIALS =
  'must not carry credentials (user:password@): set mqtt.username, and mqtt.password as a secret ({ env: NAME } or { file: PATH })';

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? 'text' : typeof v;
}

/** `/flexvpn/peers/1/address` -> `flexvpn.peers[1].address` */
function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(escapeControls)
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

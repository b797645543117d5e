/**
 * IOx's package_config.ini (at $CAF_APP_CONFIG_FILE, edited in Local Manager):
 * names the YAML configuration and overrides a few values of it. Pure: text in,
 * settings out; unknown sections or keys are errors that name the line.
 */
export interface PackageConfig {
  /** The YAML configuration file. */
  file?: string;
  overrides: { path: string[]; value: string | number }[];
}

const KEYS: Record<string, { path: string[]; number?: boolean }> = {
  'config.file': { path: [] },
  'agent.site': { path: ['site'] },
  'agent.node': { path: ['node'] },
  'agent.log_level': { path: ['log', 'level'] },
  'agent.http_port': { path: ['http', 'listen'], number: true },
  'syslog.listen': { path: ['syslog', 'listen'] },
};

export function parsePackageConfig(text: string): { ok: true; config: PackageConfig } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const out: PackageConfig = { overrides: [] };
  let section = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    const header = /^\[([A-Za-z0-9_]+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      return;
    }
    const kv = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) {
      errors.push(`line ${i + 1}: not "key = value": ${line.slice(0, 60)}`);
      return;
    }
    const key = `${section}.${kv[1]}`;
    const spec = KEYS[key];
    const value = kv[2]!.trim();
    if (!spec) {
      errors.push(`line ${i + 1}: unknown setting [${section}] ${kv[1]}`);
      return;
    }
    if (value === '') return; // empty keeps the YAML's value
    if (key === 'config.file') {
      out.file = value;
      return;
    }
    if (spec.number) {
      if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
        errors.push(`line ${i + 1}: ${kv[1]} must be a port number`);
        return;
      }
      out.overrides.push({ path: spec.path, value: `127.0.0.1:${value}` });
      return;
    }
    out.overrides.push({ path: spec.path, value });
  });
  return errors.length ? { ok: false, errors } : { ok: true, config: out };
}

/**
 * Environment overrides, highest precedence: SPOKEPILOT_SITE, SPOKEPILOT_NODE,
 * SPOKEPILOT_LOG_LEVEL, SPOKEPILOT_HTTP_PORT, SPOKEPILOT_SYSLOG_LISTEN,
 * SPOKEPILOT_POLICY_MODE (enforce|dry-run), SPOKEPILOT_MQTT_URL.
 */
export function envOverrides(env: NodeJS.ProcessEnv): { path: string[]; value: string }[] {
  const map: [string, string[], (v: string) => string][] = [
    ['SPOKEPILOT_SITE', ['site'], (v) => v],
    ['SPOKEPILOT_NODE', ['node'], (v) => v],
    ['SPOKEPILOT_LOG_LEVEL', ['log', 'level'], (v) => v],
    ['SPOKEPILOT_HTTP_PORT', ['http', 'listen'], (v) => `127.0.0.1:${v}`],
    ['SPOKEPILOT_SYSLOG_LISTEN', ['syslog', 'listen'], (v) => v],
    ['SPOKEPILOT_POLICY_MODE', ['policy', 'mode'], (v) => v],
    ['SPOKEPILOT_MQTT_URL', ['mqtt', 'url'], (v) => v],
  ];
  return map.filter(([name]) => env[name]).map(([name, path, f]) => ({ path, value: f(env[name]!) }));
}

/** Sets `value` at `path` in a parsed YAML document, creating mappings on the way. */
export function applyOverride(doc: Record<string, unknown>, path: string[], value: unknown): void {
  let o = doc;
  for (const key of path.slice(0, -1)) {
    if (typeof o[key] !== 'object' || o[key] === null) o[key] = {};
    o = o[key] as Record<string, unknown>;
  }
  o[path.at(-1)!] = value;
}

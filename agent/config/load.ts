import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseDocument } from 'yaml';
import { applyOverride, envOverrides, parsePackageConfig } from './package-config.js';
import { validateConfig, type ConfigResult } from './validate.js';

/**
 * Reads, parses and validates a configuration file; every problem is an issue
 * with its path. A `.ini` file is IOx's package_config.ini: it names the YAML
 * and overrides some of its values. Environment overrides apply last.
 */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = {}): ConfigResult {
  const read = (p: string): string | ConfigResult => {
    try {
      return readFileSync(p, 'utf8');
    } catch (err) {
      return { ok: false, issues: [{ path: '', message: `cannot read ${p}: ${(err as Error).message}` }] };
    }
  };
  const text = read(path);
  if (typeof text !== 'string') return text;
  if (!path.endsWith('.ini')) return loadConfigText(text, [], env);
  const ini = parsePackageConfig(text);
  if (!ini.ok) return { ok: false, issues: ini.errors.map((message) => ({ path: path, message })) };
  if (!ini.config.file) return { ok: false, issues: [{ path, message: '[config] file = is required: the YAML configuration to run' }] };
  const yamlPath = isAbsolute(ini.config.file) ? ini.config.file : join(dirname(path), ini.config.file);
  const yaml = read(yamlPath);
  if (typeof yaml !== 'string') return yaml;
  return loadConfigText(yaml, ini.config.overrides, env);
}

export function loadConfigText(text: string, overrides: { path: string[]; value: unknown }[] = [], env: NodeJS.ProcessEnv = {}): ConfigResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ path: '', message: `YAML ${e.linePos ? `line ${e.linePos[0].line} column ${e.linePos[0].col}` : ''}: ${e.message.split('\n')[0]}` })),
    };
  }
  const js = doc.toJS() as unknown;
  if (js && typeof js === 'object' && !Array.isArray(js)) {
    for (const o of [...overrides, ...envOverrides(env)]) applyOverride(js as Record<string, unknown>, o.path, o.value);
  }
  return validateConfig(js);
}

import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { validateConfig, type ConfigResult } from './validate.js';

/** Reads, parses and validates a YAML configuration file; every problem is an issue with its path. */
export function loadConfigFile(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: `cannot read ${path}: ${(err as Error).message}` }] };
  }
  return loadConfigText(text);
}

export function loadConfigText(text: string): ConfigResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ path: '', message: `YAML ${e.linePos ? `line ${e.linePos[0].line} column ${e.linePos[0].col}` : ''}: ${e.message.split('\n')[0]}` })),
    };
  }
  return validateConfig(doc.toJS());
}

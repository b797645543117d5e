/** Reads a scenario file (YAML) and validates it. */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Scenario } from './schema.js';
import { ScenarioError, validateScenario } from './validate.js';

export function parseScenarioText(text: string, file = '<scenario>'): Scenario {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new ScenarioError(file, [`not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  return validateScenario(raw, file);
}

export async function loadScenario(path: string): Promise<Scenario> {
  return parseScenarioText(await readFile(path, 'utf8'), path);
}

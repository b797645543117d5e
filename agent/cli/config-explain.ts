import { explainKey, topLevelKeys } from '../config/explain.js';

/**
 * `spokepilot config check --explain [KEY]`: one key's description, type,
 * range, default and reload; without KEY, the top-level keys. An unknown key
 * is a usage error (exit 2) that names it and the nearest keys.
 */
export function explainCommand(key: string | undefined): number {
  if (key === undefined) {
    console.log(
      `Configuration keys (spokepilot config check --explain KEY describes one: policy.preemptDelaySec, candidates[].id):\n${topLevelKeys()}`,
    );
    return 0;
  }
  const explained = explainKey(key);
  if (!explained.ok) {
    console.error(`spokepilot config check --explain: ${explained.message}`);
    return 2;
  }
  console.log(explained.text);
  return 0;
}

/**
 * A CLI view (role-based CLI access: `parser view NAME`, `commands exec
 * include [all] WORDS`, `username X view NAME`): the user may run only the
 * exec commands the view includes. `include WORDS` admits the command those
 * keywords name (with its arguments); `include all WORDS` admits every
 * command under them. A command outside the view is unknown to the user's
 * parser, so IOS answers `% Invalid input detected`. Leaving the session is
 * always possible. The lab's views hold exec commands only: no configuration
 * mode, so `show running-config` shows none of the configuration without
 * `view full`.
 */
import type { CommandDef } from './grammar.js';

export interface CliView {
  name: string;
  /** `commands exec include` lines: `all show`, `terminal length`, `event manager run`. */
  exec: readonly string[];
}

const ALWAYS = new Set(['exit', 'logout']);

function leadingKeywords(def: CommandDef): string[] {
  const words: string[] = [];
  for (const t of def.syntax) {
    if (t.kind !== 'keyword') break;
    words.push(t.word);
  }
  return words;
}

export function viewAllows(view: CliView, def: CommandDef): boolean {
  const words = leadingKeywords(def);
  if (words.length === 1 && ALWAYS.has(words[0]!)) return true;
  return view.exec.some((line) => {
    const spec = line.trim().split(/\s+/);
    const all = spec[0] === 'all';
    const want = all ? spec.slice(1) : spec;
    const prefix = want.every((w, i) => words[i] === w);
    return prefix && (all || words.length === want.length);
  });
}

/**
 * Applies trusted configuration text (the lab's boot configuration, test
 * fixtures) through the same CommandDefs the terminal uses. Words must be
 * written in full: abbreviation and IOS's error forms are the terminal's job.
 * As IOS does when reading a configuration, a line that does not belong to
 * the current sub-mode is tried in global configuration mode.
 */
import { CliError, type Args, type CommandDef, type CommandResult, type Mode, type Token } from '../cli/grammar.js';

export interface AppliedLine {
  mode: Mode;
  target?: string;
}

function matchToken(token: Token, word: string, args: Args): boolean {
  switch (token.kind) {
    case 'keyword':
      return token.word.toLowerCase() === word.toLowerCase();
    case 'number': {
      if (!/^\d+$/.test(word)) return false;
      const n = Number(word);
      if (n < token.min || n > token.max) return false;
      args[token.name] = n;
      return true;
    }
    case 'ipv4':
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(word)) return false;
      args[token.name] = word;
      return true;
    case 'ip':
      if (!/^[\d.]+$|^[\da-fA-F:]+$/.test(word)) return false;
      args[token.name] = word;
      return true;
    case 'word':
      args[token.name] = word;
      return true;
    case 'interface':
      if (!/^[A-Za-z][A-Za-z-]*\d+(\/\d+)*(\.\d+)?$/.test(word)) return false;
      args[token.name] = word;
      return true;
    case 'rest':
      return false;
  }
}

/** Matches `words` against a definition; all words must be consumed. */
export function matchCommand(def: CommandDef, words: readonly string[]): Args | undefined {
  const args: Args = {};
  let i = 0;
  for (const token of def.syntax) {
    if (token.kind === 'rest') {
      if (i >= words.length) return undefined;
      args[token.name] = words.slice(i).join(' ');
      return args;
    }
    const word = words[i++];
    if (word === undefined || !matchToken(token, word, args)) return undefined;
  }
  return i === words.length ? args : undefined;
}

export function findCommand(
  commands: readonly CommandDef[],
  mode: Mode,
  words: readonly string[],
): { def: CommandDef; args: Args } | undefined {
  for (const def of commands) {
    if (!def.modes.includes(mode)) continue;
    const args = matchCommand(def, words);
    if (args) return { def, args };
  }
  return undefined;
}

export class ConfigLoadError extends Error {
  readonly code = 'LAB_CONFIG_LINE';
  constructor(
    readonly lineNumber: number,
    readonly line: string,
    readonly lines: string[],
  ) {
    super(`config line ${lineNumber} "${line.trim()}": ${lines.join(' ')}`);
  }
}

/** Runs one line in `at` (falling back to global config mode); returns where the session is afterwards. */
export function runConfigLine(
  commands: readonly CommandDef[],
  at: AppliedLine,
  line: string,
): { at: AppliedLine; result: CommandResult | void } {
  const words = line.trim().split(/\s+/);
  const attempts: AppliedLine[] = at.mode === 'config' ? [at] : [at, { mode: 'config' }];
  for (const where of attempts) {
    const found = findCommand(commands, where.mode, words);
    if (!found) continue;
    const ctx = { mode: where.mode, terminalWidth: 0, ...(where.target !== undefined ? { modeTarget: where.target } : {}) };
    const result = found.def.handler(ctx, found.args);
    const next: AppliedLine = result?.enter
      ? { mode: result.enter.mode, ...(result.enter.target !== undefined ? { target: result.enter.target } : {}) }
      : where;
    return { at: next, result };
  }
  throw new CliError(["% Invalid input detected at '^' marker."]);
}

/** Applies a whole configuration; stops at the first bad line with its number. */
export function applyConfigText(commands: () => readonly CommandDef[], text: string): void {
  let at: AppliedLine = { mode: 'config' };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    // IOS reads a line starting with `!` as a comment.
    if (line.trim() === '' || line.trim().startsWith('!')) return;
    try {
      at = runConfigLine(commands(), at, line).at;
    } catch (err) {
      throw new ConfigLoadError(index + 1, line, err instanceof CliError ? err.lines : [String(err)]);
    }
  });
}

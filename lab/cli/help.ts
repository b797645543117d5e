/**
 * IOS's `?` and Tab, pure: what may come next on a partly typed line, from
 * the same grammar and walk the matcher uses, so help never offers what the
 * matcher would refuse.
 *   `show ?`  the next words with their help, `<cr>` when the command may end
 *             there, `|  Output modifiers` after a complete show command;
 *   `sh?`     the keywords the word can still become;
 *   Tab       completes the word when only one keyword fits (`sh` -> `show `).
 */
import type { CommandDef, Token } from './grammar.js';
import { keywordHelp, paramEntries } from './help-texts.js';
import { matchLine, standingAfter, type Standing } from './matcher.js';
import { matchErrorLines } from './messages.js';
import { modifierCommands } from './output-filter.js';
import { tokenize, type LineToken } from './params.js';

export const UNRECOGNIZED = '% Unrecognized command';

/** A show command (or `do show ...`): the ones IOS lets a `|` modifier follow. */
export function isShowCommand(def: CommandDef): boolean {
  const words = def.syntax.slice(0, 2).map((t) => (t.kind === 'keyword' ? t.word : ''));
  return words[0] === 'show' || (words[0] === 'do' && words[1] === 'show');
}

/** The line split at its first `|` word: the command, and the modifier text after it. */
export function splitAtPipe(line: string): { head: string; pipeAt: number; tail: string } | undefined {
  const bar = tokenize(line).find((t) => t.text === '|');
  return bar && { head: line.slice(0, bar.start), pipeAt: bar.start, tail: line.slice(bar.start + 1) };
}

/** The lines `?` prints for `line` (the terminal then shows the prompt and the line again). */
export function contextHelp(line: string, candidates: readonly CommandDef[], promptLength: number, mode = 'exec'): string[] {
  const pipe = splitAtPipe(line);
  if (pipe) {
    const head = matchLine(pipe.head, candidates);
    if (head.kind !== 'ok' || !isShowCommand(head.def)) return caret(promptLength + pipe.pipeAt);
    return contextHelp(pipe.tail, modifierCommands(), promptLength + pipe.pipeAt + 1, 'modifier');
  }
  const { partial, done } = splitPartial(line);
  const walked = standingAfter(line, done, candidates);
  if (walked.kind === 'ambiguous') return matchErrorLines({ kind: 'ambiguous' }, line, promptLength);
  if (walked.kind === 'invalid') return walked.offset === 0 || done.length === 0 ? [UNRECOGNIZED] : caret(promptLength + walked.offset);
  if (partial) return wordsFor(partial, walked.standing);
  return table(walked.standing, mode);
}

/** The line after Tab, or undefined when the word is not one keyword's beginning (IOS redraws the line as it was). */
export function completeLine(line: string, candidates: readonly CommandDef[]): string | undefined {
  const pipe = splitAtPipe(line);
  if (pipe) {
    const tail = completeLine(pipe.tail, modifierCommands());
    return tail === undefined ? undefined : `${line.slice(0, pipe.pipeAt + 1)}${tail}`;
  }
  const { partial, done } = splitPartial(line);
  if (!partial) return undefined;
  const walked = standingAfter(line, done, candidates);
  if (walked.kind !== 'ok') return undefined;
  const typed = partial.text.toLowerCase();
  const words = [...new Set(nextKeywords(walked.standing).filter((w) => w.toLowerCase().startsWith(typed)))];
  const exact = words.find((w) => w.toLowerCase() === typed);
  const word = exact ?? (words.length === 1 ? words[0] : undefined);
  return word === undefined ? undefined : `${line.slice(0, partial.start)}${word} `;
}

function splitPartial(line: string): { partial?: LineToken; done: LineToken[] } {
  const tokens = tokenize(line);
  if (tokens.length === 0 || /\s$/.test(line)) return { done: tokens };
  return { partial: tokens.at(-1)!, done: tokens.slice(0, -1) };
}

function caret(column: number): string[] {
  return matchErrorLines({ kind: 'invalid', offset: column }, '', 0);
}

function nextToken(s: Standing): Token | undefined {
  return s.def.syntax[s.pos];
}

function nextKeywords(standing: readonly Standing[]): string[] {
  return standing.flatMap((s) => {
    const t = nextToken(s);
    return t?.kind === 'keyword' ? [t.word] : [];
  });
}

/** `sh?`: the keywords the word may become, two spaces after each; a parameter's form if only a parameter takes it. */
function wordsFor(partial: LineToken, standing: readonly Standing[]): string[] {
  const typed = partial.text.toLowerCase();
  const words = [...new Set(nextKeywords(standing).filter((w) => w.toLowerCase().startsWith(typed)))].sort();
  if (words.length > 0) return [words.map((w) => `${w}  `).join(''), ''];
  // A word no keyword starts: the parameters that could be being typed (`ping 1?` shows `A.B.C.D`).
  const forms = new Set<string>();
  for (const s of standing) {
    const t = nextToken(s);
    if (t && t.kind !== 'keyword') for (const [form] of paramEntries(t)) forms.add(form);
  }
  return forms.size > 0 ? [[...forms].map((f) => `${f}  `).join(''), ''] : [UNRECOGNIZED];
}

/** `show ?`: parameters first, then keywords in order, `|` and `<cr>` last, in one padded column. */
function table(standing: readonly Standing[], mode: string): string[] {
  const params = new Map<string, string>();
  const keywords = new Map<string, string>();
  let complete = false;
  let pipeable = false;
  for (const s of standing) {
    const t = nextToken(s);
    if (t === undefined) {
      complete = true;
      pipeable ||= isShowCommand(s.def);
    } else if (t.kind === 'keyword') {
      if (!keywords.has(t.word)) keywords.set(t.word, keywordHelp(isDo(s) ? 'exec' : mode, pathOf(s), t.word));
    } else {
      for (const [form, help] of paramEntries(t)) if (!params.has(form)) params.set(form, help);
    }
  }
  const rows: Array<[string, string]> = [...params, ...[...keywords].sort(([a], [b]) => a.localeCompare(b))];
  if (pipeable) rows.push(['|', 'Output modifiers']);
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  const lines = rows.map(([label, help]) => `  ${label.padEnd(width)}  ${help}`.trimEnd());
  if (complete) lines.push('  <cr>');
  return [...lines, ''];
}

/** Past `do`, the words are exec's. */
function isDo(s: Standing): boolean {
  const first = s.def.syntax[0];
  return s.pos > 0 && first?.kind === 'keyword' && first.word === 'do';
}

/** The keywords a definition has consumed (`do` left out: help under `do` is exec's). */
function pathOf(s: Standing): string[] {
  return s.def.syntax
    .slice(0, s.pos)
    .flatMap((t) => (t.kind === 'keyword' ? [t.word] : []))
    .filter((w, i) => !(i === 0 && w === 'do'));
}

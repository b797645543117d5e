/**
 * IOS command-line matching, pure: a typed line against the CommandDefs valid
 * in the current mode. All definitions are walked in lockstep, token by token,
 * because IOS decides abbreviations against every command that is still
 * possible at that point (`sh i` is ambiguous: ip, interfaces, ipv6).
 */
import type { Args, CommandDef, Token } from './grammar.js';
import { acceptParam, tokenize, type LineToken } from './params.js';

export type MatchResult =
  | { kind: 'ok'; def: CommandDef; args: Args }
  | { kind: 'empty' }
  /** `% Ambiguous command:  "<line>"`. */
  | { kind: 'ambiguous' }
  /** `% Incomplete command.`: every token fitted but the command needs more. */
  | { kind: 'incomplete' }
  /** Caret under the first character of the token at `offset` in the line. */
  | { kind: 'invalid'; offset: number };

/** A definition being matched: where it is in its syntax and in the typed tokens. */
interface Cursor {
  order: number;
  def: CommandDef;
  pos: number;
  at: number;
  args: Args;
  /** Strength of each token's match, compared lexicographically to pick the best complete match. */
  score: number[];
}

// An exact keyword beats an abbreviation, which beats any parameter; among
// parameters the narrower grammar wins (`1` is a number before it is a word).
const STRENGTH: Record<Token['kind'] | 'exact', number> = {
  exact: 7,
  keyword: 6,
  number: 5,
  ipv4: 4,
  ip: 3,
  interface: 2,
  word: 1,
  rest: 0,
};

export function matchLine(line: string, candidates: readonly CommandDef[]): MatchResult {
  const tokens = tokenize(line);
  if (tokens.length === 0) return { kind: 'empty' };
  const w = walk(line, tokens, candidates);
  const complete = w.ended.filter((c) => c.pos === c.def.syntax.length);
  if (complete.length > 0) {
    const best = complete.reduce((a, b) => (compareScores(b.score, a.score) > 0 ? b : a));
    return { kind: 'ok', def: best.def, args: best.args };
  }
  if (w.ended.length > 0) return { kind: 'incomplete' };
  // IOS reports the first problem on its way through the line: an ambiguous
  // word stops it even if a later word is also wrong ("sh po interface fa0/3").
  if (w.ambiguousAt >= 0 && w.ambiguousAt >= w.failAt) return { kind: 'ambiguous' };
  return { kind: 'invalid', offset: tokens[w.failAt]!.start };
}

/** Where a definition stands once every typed token is consumed: `pos` is its next syntax token. */
export interface Standing {
  def: CommandDef;
  pos: number;
}

export type WalkResult = { kind: 'ok'; standing: Standing[] } | { kind: 'ambiguous' } | { kind: 'invalid'; offset: number };

/**
 * The definitions still possible after all of `tokens` (for `?` and Tab),
 * or why none is: the same walk as matchLine, stopped at the end of the line.
 */
export function standingAfter(line: string, tokens: readonly LineToken[], candidates: readonly CommandDef[]): WalkResult {
  const w = walk(line, tokens, candidates);
  if (w.ended.length > 0) return { kind: 'ok', standing: w.ended.map((c) => ({ def: c.def, pos: c.pos })) };
  if (w.ambiguousAt >= 0 && w.ambiguousAt >= w.failAt) return { kind: 'ambiguous' };
  return { kind: 'invalid', offset: tokens[w.failAt]?.start ?? line.length };
}

interface Walk {
  /** Cursors that consumed every token, complete or not. */
  ended: Cursor[];
  failAt: number;
  ambiguousAt: number;
}

function walk(line: string, tokens: readonly LineToken[], candidates: readonly CommandDef[]): Walk {
  let live: Cursor[] = candidates.map((def, order) => ({ order, def, pos: 0, at: 0, args: {}, score: [] }));
  const ended: Cursor[] = [];
  let failAt = -1;
  let ambiguousAt = -1;

  while (live.length > 0) {
    const at = Math.min(...live.map((c) => c.at));
    const now = live.filter((c) => c.at === at);
    live = live.filter((c) => c.at !== at);
    if (at === tokens.length) {
      ended.push(...now);
      continue;
    }
    const step = advance(now, tokens, at, line);
    live.push(...step.next);
    if (step.ambiguous) ambiguousAt = at;
    if (step.failed) failAt = at;
  }
  return { ended, failAt, ambiguousAt };
}

interface Step {
  next: Cursor[];
  ambiguous: boolean;
  failed: boolean;
}

/** Moves every cursor standing at token `at` past it, if the token fits. */
function advance(now: Cursor[], tokens: readonly LineToken[], at: number, line: string): Step {
  const typed = tokens[at]!.text.toLowerCase();
  const next: Cursor[] = [];
  const keywordHits: Cursor[] = [];
  let failed = false;

  for (const c of now) {
    const token = c.def.syntax[c.pos];
    if (token === undefined) {
      failed = true; // the command is complete and more was typed
    } else if (token.kind === 'keyword') {
      if (token.word.toLowerCase().startsWith(typed)) keywordHits.push(c);
      else failed = true;
    } else {
      const ways = acceptParam(token, tokens, at, line);
      if (ways.length === 0) failed = true;
      for (const way of ways) {
        next.push({
          ...c,
          pos: way.partial ? c.pos : c.pos + 1,
          at: at + way.consumed,
          args: way.partial ? c.args : { ...c.args, [token.name]: way.value },
          score: [...c.score, STRENGTH[token.kind]],
        });
      }
    }
  }

  // IOS: a word that spells a keyword in full is never an abbreviation of a
  // longer one (`ip` is not ambiguous against `ipv6`).
  const exact = keywordHits.filter((c) => keywordAt(c).toLowerCase() === typed);
  const chosen = exact.length > 0 ? exact : keywordHits;
  const words = new Set(chosen.map((c) => keywordAt(c).toLowerCase()));
  let ambiguous = false;
  if (words.size > 1) {
    ambiguous = next.length === 0; // a parameter that takes the word resolves it
  } else {
    const strength = exact.length > 0 ? STRENGTH.exact : STRENGTH.keyword;
    for (const c of chosen) next.push({ ...c, pos: c.pos + 1, at: at + 1, score: [...c.score, strength] });
  }
  return { next, ambiguous, failed };
}

function keywordAt(c: Cursor): string {
  const token = c.def.syntax[c.pos];
  return token?.kind === 'keyword' ? token.word : '';
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/**
 * IOS output modifiers, pure: `show ... | include|exclude|begin|section|count
 * REGEX`. The regular expression is the rest of the line (IOS 15 takes one
 * modifier: `| i a | i b` searches for "a | i b"), matched case-sensitively
 * anywhere in a line, with `_` standing for a delimiter as in IOS regexps
 * (start or end of line, space, comma, braces, parentheses).
 */
import { kw, type CommandDef } from './grammar.js';

export type OutputModifier = 'include' | 'exclude' | 'begin' | 'section' | 'count';

/** The modifiers with IOS 15's help texts, in the order `| ?` lists them. */
export const OUTPUT_MODIFIERS: ReadonlyArray<{ word: OutputModifier; help: string }> = [
  { word: 'begin', help: 'Begin with the line that matches' },
  { word: 'count', help: 'Count number of lines which match regexp' },
  { word: 'exclude', help: 'Exclude lines that match' },
  { word: 'include', help: 'Include lines that match' },
  { word: 'section', help: 'Filter a section of output' },
];

/** The grammar after `|`, so the modifiers abbreviate (`| i`, `| sec`) and err like any command. */
export function modifierCommands(): CommandDef[] {
  return OUTPUT_MODIFIERS.map(({ word }) => ({
    modes: [],
    syntax: [...kw(word), { kind: 'rest' as const, name: 'regex' }],
    handler: () => undefined,
  }));
}

/** IOS's `_`: any delimiter; everything else is an ordinary (ERE-like) regular expression. */
export function iosRegex(pattern: string): RegExp {
  const translated = pattern.replace(/(\\.)|_/g, (_m, escaped: string | undefined) => escaped ?? '(?:^|$|[ ,{}()])');
  try {
    return new RegExp(translated);
  } catch {
    // IOS compiles its own dialect; a pattern JavaScript rejects is taken literally.
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

export function applyModifier(lines: readonly string[], modifier: OutputModifier, pattern: string): string[] {
  const re = iosRegex(pattern);
  switch (modifier) {
    case 'include':
      return lines.filter((l) => re.test(l));
    case 'exclude':
      return lines.filter((l) => !re.test(l));
    case 'begin': {
      const first = lines.findIndex((l) => re.test(l));
      return first < 0 ? [] : lines.slice(first);
    }
    case 'count':
      return [`Number of lines which match regexp = ${lines.filter((l) => re.test(l)).length}`];
    case 'section':
      return sections(lines, re);
  }
}

const indent = (line: string): number => line.length - line.trimStart().length;

/**
 * `| section`: every line that matches, with the lines under it (indented
 * deeper, as running-config children are). A matching child line is shown
 * with its own children, without its parent, as IOS 15 does.
 */
function sections(lines: readonly string[], re: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!re.test(lines[i]!)) continue;
    const depth = indent(lines[i]!);
    out.push(lines[i]!);
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '' && indent(lines[i + 1]!) > depth) out.push(lines[++i]!);
  }
  return out;
}

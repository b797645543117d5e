/**
 * IOS accepts any unambiguous prefix of a keyword (`sh ip int br`). These
 * expand an abbreviated command line against one command's usage text, word by
 * word: a word is expanded only when it is the prefix of exactly one of that
 * command's keywords, and never when it is the argument of a keyword that
 * takes one (`vrf br` stays `vrf br`, whatever keyword `br` could begin).
 */
export interface UsageKeywords {
  /** The usage's first word (`show`): the only keyword IOS weighs for a line's first word. */
  first: string;
  keywords: readonly string[];
  /** Keywords followed by an argument in the usage (`vrf NAME`, `remote ADDR`); `number` ones take only digits (`track [N]`). */
  takesArgument: ReadonlyMap<string, 'number' | 'any'>;
  /**
   * Keywords whose argument is optional (`show ip interface [NAME] brief`): a word
   * there that begins exactly one keyword is that keyword (`sh ip int br`).
   */
  optionalArgument: ReadonlySet<string>;
}

/** Keywords of a usage text: lowercase words; an UPPERCASE word after one is its argument. */
export function usageKeywords(usage: string): UsageKeywords {
  const tokens = usage
    .replace(/[[\]{}|()]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const keywords = new Set<string>();
  const takesArgument = new Map<string, 'number' | 'any'>();
  tokens.forEach((t, i) => {
    if (!/^[a-z][a-z0-9-]*$/.test(t)) return;
    keywords.add(t);
    const next = tokens[i + 1] ?? '';
    if (/^[A-Z][A-Z0-9]*$/.test(next)) takesArgument.set(t, next === 'N' || next === 'ID' ? 'number' : 'any');
  });
  const optionalArgument = new Set([...usage.matchAll(/\b([a-z][a-z0-9-]*) \[[A-Z][A-Z0-9]*\b/g)].map((m) => m[1]!));
  return { first: tokens[0] ?? '', keywords: [...keywords], takesArgument, optionalArgument };
}

export function expandAbbreviations(line: string, usage: UsageKeywords): string {
  const words = line.split(' ');
  const out: string[] = [];
  for (const word of words) {
    const previous = out.at(-1) ?? '';
    const argument = usage.takesArgument.get(previous);
    const lower = word.toLowerCase();
    // The first word is weighed against the first keyword alone, as IOS does at that point of the
    // line: `sh` is `show` even where a later keyword also begins `sh` (`show ip nhrp shortcut`).
    const candidates = out.length === 0 ? [usage.first] : usage.keywords;
    const matches = /^[a-z]/.test(lower) ? candidates.filter((k) => k.startsWith(lower)) : [];
    const keyword = usage.keywords.includes(lower) ? lower : matches.length === 1 ? matches[0] : undefined;
    const optional = usage.optionalArgument.has(previous) && keyword !== undefined;
    if (!optional && (argument === 'any' || (argument === 'number' && /^\d+$/.test(word)))) {
      out.push(word);
      continue;
    }
    out.push(keyword ?? word);
  }
  return out.join(' ');
}

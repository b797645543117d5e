/**
 * The command lines a README documents, by one rule: every line of a fenced
 * `sh` block (comments dropped), and every inline code span in the prose that
 * starts with `npx spokepilot`, `npm start`, `npm test`, `npm ci` or `npm run`
 * (the forms a reader copies). A line chained with `&&` is its parts.
 */
const INLINE_COMMAND = /`((?:npx spokepilot|npm start|npm test|npm ci|npm run)\b[^`]*)`/g;

export function documentedCommandLines(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^```(\S*)/.exec(line);
    if (marker) {
      fence = fence === undefined ? marker[1]! : undefined;
      continue;
    }
    if (fence === 'sh') lines.push(withoutComment(line));
    else if (fence === undefined) for (const m of line.matchAll(INLINE_COMMAND)) lines.push(m[1]!);
  }
  const parts = lines
    .flatMap((l) => l.split(' && '))
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
  return [...new Set(parts)];
}

/** A `#` that starts a word outside quotes begins a comment, as in sh. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}

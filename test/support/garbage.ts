import { pick, randomInt } from './random.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ./:-,*[]()%#>';

/** Random bytes as a latin1 string: control characters, NULs, high bytes. */
export function randomBytes(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(randomInt(rand, 256));
  return s;
}

/**
 * Plausible-looking garbage: lines mixing fragments of real output with random
 * text, so parsers reach their deeper branches instead of rejecting line one.
 */
export function garbageLines(rand: () => number, count: number, realLines: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.5 && realLines.length > 0) out.push(pick(rand, realLines));
    else if (r < 0.8) {
      let s = '';
      const len = randomInt(rand, 100);
      for (let j = 0; j < len; j++) s += ALPHABET[randomInt(rand, ALPHABET.length)];
      out.push(s);
    } else out.push(mutateLine(rand, realLines.length > 0 ? pick(rand, realLines) : ''));
  }
  return out.join('\n');
}

export function mutateLine(rand: () => number, line: string): string {
  const ops = [
    () => line.slice(0, randomInt(rand, line.length + 1)),
    () => line.replace(/\d+/g, () => String(randomInt(rand, 1e9))),
    () => line.replace(/\s+/g, ' '),
    () => line + ' ' + line,
    () => {
      const i = randomInt(rand, line.length + 1);
      return line.slice(0, i) + String.fromCharCode(randomInt(rand, 256)) + line.slice(i);
    },
  ];
  return pick(rand, ops)();
}

/** A corpus text with lines dropped, duplicated, swapped or mutated. */
export function mutateText(rand: () => number, text: string): string {
  const lines = text.split('\n');
  const edits = 1 + randomInt(rand, 8);
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const i = randomInt(rand, lines.length);
    const op = randomInt(rand, 4);
    if (op === 0) lines.splice(i, 1);
    else if (op === 1) lines.splice(i, 0, lines[i]!);
    else if (op === 2) {
      const j = randomInt(rand, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    } else lines[i] = mutateLine(rand, lines[i]!);
  }
  return lines.join('\n');
}

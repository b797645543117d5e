import { splitLines } from '../lines.js';

/**
 * A command's output ready to walk line by line with `text.indexOf('\n')`:
 * terminal debris (`\r`, backspaces) cleaned by splitLines when present, one
 * line per original line so numbers still match. Large outputs (a 100k-route
 * table) then never hold an array of line strings, which would survive every
 * young-generation collection during the parse and dominate its cost.
 * Parsers walking it must treat the echoed command and prompts as noise themselves.
 */
export function cleanOutput(text: string): string {
  if (text.indexOf('\r') < 0 && text.indexOf('\b') < 0) return text;
  return splitLines(text)
    .map((l) => l.text)
    .join('\n');
}

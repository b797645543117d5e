/**
 * IOS prints column tables for an 80-column terminal: a cell wider than its
 * column is cut at the column's width and the rest printed under it on the
 * next line (or lines), alone, at the same column (`14 seconds ag` / `o`, `show ip sla
 * summary` on IOS 15). Tables read a row's whitespace-separated words, so a
 * continuation is folded back into the row text before the row is read.
 */

const TERMINAL_WIDTH = 80;

/** Where each header word starts: `ID   Type   Destination` -> [0, 5, 12]. */
export function columnStarts(header: string): number[] {
  const out: number[] = [];
  for (const m of header.matchAll(/\S+/g)) out.push(m.index);
  return out;
}

/**
 * Folds each piece of a continuation line into the cell of `row` whose column
 * it sits under. A piece joins its cell without a space when the cell filled
 * its column and the piece starts right at the column (IOS cut a word), with
 * one otherwise.
 */
export function foldContinuation(row: string, continuation: string, starts: readonly number[]): string {
  let out = row;
  // Right to left, so inserting into one cell does not move the cells before it.
  const pieces = [...continuation.matchAll(/\S+(?: \S+)*/g)].reverse();
  for (const piece of pieces) {
    const col = columnOf(piece.index, starts);
    const nextStart = starts[col + 1];
    const cellEnd = nextStart === undefined ? out.length : lastWordEndBefore(out, nextStart);
    const filled = nextStart === undefined ? out.length >= TERMINAL_WIDTH : cellEnd >= nextStart - 1;
    // A cut that fell on a space leaves the continuation one column in: the words were apart.
    const cutMidWord = filled && piece.index <= starts[col]!;
    out = `${out.slice(0, cellEnd)}${cutMidWord ? '' : ' '}${piece[0]}${out.slice(cellEnd)}`;
  }
  return out;
}

/**
 * Folds a row's continuation lines back into it. One line is folded as it is; a cell cut over
 * three or more lines (`HTTP transa` / `ction timeo` / `ut`) has its pieces joined column by
 * column first, each line sliced at the column starts (IOS cuts cells at their width, so a
 * continuation never overflows), then each column's text is folded into the row once: folding
 * line by line would put the third piece after the first word the second one pushed past its column.
 */
export function foldContinuations(row: string, lines: readonly string[], starts: readonly number[]): string {
  if (lines.length <= 1) return lines.length === 0 ? row : foldContinuation(row, lines[0]!, starts);
  const columns: Array<{ text: string; at: number; filled: boolean } | undefined> = [];
  for (const line of lines) {
    starts.forEach((from, c) => {
      const to = starts[c + 1];
      const raw = line.slice(from, to).trimEnd();
      const offset = raw.search(/\S/);
      if (offset < 0) return;
      const filled = raw.length >= (to === undefined ? TERMINAL_WIDTH : to - 1) - from;
      const prev = columns[c];
      if (!prev) columns[c] = { text: raw.trim(), at: from + offset, filled };
      else {
        prev.text += `${prev.filled && offset === 0 ? '' : ' '}${raw.trim()}`;
        prev.filled = filled;
      }
    });
  }
  let out = row;
  for (let c = columns.length - 1; c >= 0; c--) {
    const column = columns[c];
    if (column) out = foldContinuation(out, `${' '.repeat(column.at)}${column.text}`, starts);
  }
  return out;
}

/** A line that only continues the row above: no word in the first column. */
export function isContinuation(line: string, starts: readonly number[]): boolean {
  const first = /\S/.exec(line);
  return first !== null && starts.length > 1 && first.index >= starts[1]!;
}

function columnOf(pos: number, starts: readonly number[]): number {
  let col = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i]! <= pos) col = i;
  return col;
}

/** End of the last word that starts before `limit` (a cell may overflow into the next column). */
function lastWordEndBefore(text: string, limit: number): number {
  let end = 0;
  for (const m of text.matchAll(/\S+/g)) {
    if (m.index >= limit) break;
    end = m.index + m[0].length;
  }
  return end;
}

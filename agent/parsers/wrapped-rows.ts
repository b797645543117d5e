/**
 * IOS prints column tables for an 80-column terminal: a cell wider than its
 * column is cut at the column's width and the rest printed under it on the
 * next line, alone, at the same column (`14 seconds ag` / `o`, `show ip sla
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

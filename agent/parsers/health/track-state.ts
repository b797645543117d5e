/**
 * The state line of `show track`: `<what> is <State>`, then optionally IOS's
 * reason in parentheses, then a change held back by `delay` with its own
 * reason. The reasons nest: an administratively shut interface reads
 * `Line protocol is Down ((hw admin-down))`, so they are read as balanced
 * groups, never with a `[^)]*` regex.
 */
export interface TrackStateLine {
  state: string;
  detail?: string;
  delayedState?: string;
  delayedRemainingSec?: number;
  delayedDetail?: string;
}

const HEAD = /^[A-Za-z][\w /-]*? is (Up|Down|Unknown)/;
const DELAYED = /^, delayed (Up|Down) \((\d+) secs? remaining\)/;

export function readTrackStateLine(t: string): TrackStateLine | undefined {
  const head = HEAD.exec(t);
  if (!head) return undefined;
  const out: TrackStateLine = { state: head[1]! };
  let pos = head[0].length;
  const detail = parenGroup(t, pos);
  if (detail) {
    out.detail = detail.inner;
    pos = detail.end;
  }
  const delayed = DELAYED.exec(t.slice(pos));
  if (delayed) {
    out.delayedState = delayed[1]!;
    out.delayedRemainingSec = Number(delayed[2]);
    pos += delayed[0].length;
    const after = parenGroup(t, pos);
    if (after) {
      out.delayedDetail = after.inner;
      pos = after.end;
    }
  }
  return pos === t.length ? out : undefined;
}

/** ` (...)` at `pos`, parentheses balanced; its content without the outer pair. */
export function parenGroup(t: string, pos: number): { inner: string; end: number } | undefined {
  if (t[pos] !== ' ' || t[pos + 1] !== '(') return undefined;
  let depth = 0;
  for (let i = pos + 1; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return { inner: t.slice(pos + 2, i), end: i + 1 };
  }
  return undefined;
}

import type { StatusPayload } from '../../proto/payloads.js';
import { when } from './human/time.js';

/** What `fleet send` saw while it waited for a reply that never came. */
export interface SendWatch {
  /** The broker acknowledged the command (PUBACK). */
  acked: boolean;
  /** The connection to the broker dropped after the command went out. */
  lostBroker: boolean;
  /** The spoke's retained status (birth or Will), as the broker holds it. */
  status?: Partial<StatusPayload>;
}

/**
 * Why no reply came, blaming only what the evidence blames: the broker
 * (never acknowledged, or lost), or the spoke (offline by its own Will, or
 * online and silent), or neither known (no status: misspelt, or never seen).
 */
export function noReplyMessage(w: SendWatch, o: { tx: string; node: string; waitedSec: number; nowMs: number }): string {
  const head = `no reply to ${o.tx} within ${o.waitedSec} s`;
  if (!w.acked)
    return `${head}: the broker never acknowledged the command${w.lostBroker ? ' (the connection to it was lost)' : ''}, so ${o.node} may not have it`;
  if (w.lostBroker) return `${head}: the broker took the command, then the connection to it was lost; a reply may have been missed`;
  const s = w.status;
  const at = typeof s?.ts === 'number' ? ` since ${when(s.ts, o.nowMs)}` : '';
  if (s?.state === 'offline')
    return `${head}: the broker took the command, but ${o.node} is offline${at}${s.reason ? ` (${s.reason})` : ''}; it gets the command if it reconnects before it expires`;
  if (s?.state === 'online')
    return `${head}: the broker took the command and ${o.node} is online${at}, but it did not answer (busy, or refusing commands it cannot verify: see its events)`;
  return `${head}: the broker took the command, but it holds no status for ${o.node}: never connected, or a misspelt --site/--node`;
}

/**
 * When the agent publishes (pure; time is a parameter). State is exception
 * based: published only when its body differs from the last one published.
 * Telemetry is published when something moved beyond a deadband since the
 * last publication (not since the last poll, so slow drift still shows), and
 * otherwise on a heartbeat so a consumer can tell "quiet" from "gone".
 */
import { canonicalJson } from './canonical-json.js';
import type { Envelope, InterfaceTelemetry, IpsecTelemetry, SlaTelemetry, StatePayload, TelemetryPayload } from './payloads.js';

export type StateBody = Omit<StatePayload, keyof Envelope>;
export type TelemetryBody = Omit<TelemetryPayload, keyof Envelope | 'trigger'>;

/**
 * What identifies a state for change detection. Numbers that move on every
 * poll while a verdict holds (the value of a breach, a count of timeouts in a
 * row) are telemetry's business: carried in the state, but not a reason to
 * publish it again.
 */
export function stateSignature(body: StateBody): string {
  return canonicalJson(body, (key, value) => (key === 'value' || key === 'consecutiveTimeouts' ? undefined : value));
}

/** True when the state must be published: first time, or anything but moving numbers differs. */
export function stateChanged(lastPublished: StateBody | undefined, next: StateBody): boolean {
  return lastPublished === undefined || stateSignature(lastPublished) !== stateSignature(next);
}

export interface Deadbands {
  /** RTT must move by more than both of these (a 20 ms LTE path jitters by several ms per probe). */
  rttAbsMs: number;
  rttRelPct: number;
  jitterAbsMs: number;
  jitterRelPct: number;
  /** Loss in percentage points; windows of 10 probes move in steps of 10. */
  lossPct: number;
}

export const DEFAULT_DEADBANDS: Deadbands = { rttAbsMs: 10, rttRelPct: 30, jitterAbsMs: 10, jitterRelPct: 50, lossPct: 5 };

const moved = (a: number | undefined, b: number | undefined, absMin: number, relPct: number): boolean => {
  if (a === undefined || b === undefined) return a !== b;
  const d = Math.abs(a - b);
  return d > absMin && d > (Math.max(Math.abs(a), Math.abs(b)) * relPct) / 100;
};

function keyed<T>(items: readonly T[], key: (t: T) => string | number): Map<string | number, T> {
  return new Map(items.map((i) => [key(i), i]));
}

function slaChange(a: SlaTelemetry, b: SlaTelemetry, db: Deadbands): string | undefined {
  if (a.returnCode !== b.returnCode) return `sla ${b.operation} return code ${a.returnCode} -> ${b.returnCode}`;
  if (Math.abs(a.lossPct - b.lossPct) >= db.lossPct) return `sla ${b.operation} loss ${a.lossPct} -> ${b.lossPct}%`;
  if (moved(a.rttMs, b.rttMs, db.rttAbsMs, db.rttRelPct)) return `sla ${b.operation} rtt ${a.rttMs} -> ${b.rttMs} ms`;
  if (moved(a.jitterMs, b.jitterMs, db.jitterAbsMs, db.jitterRelPct)) return `sla ${b.operation} jitter ${a.jitterMs} -> ${b.jitterMs} ms`;
  return undefined;
}

function interfaceChange(a: InterfaceTelemetry, b: InterfaceTelemetry): string | undefined {
  if (a.status !== b.status || a.lineProtocol !== b.lineProtocol)
    return `${b.name} ${a.status}/${a.lineProtocol} -> ${b.status}/${b.lineProtocol}`;
  // Errors are news; traffic counters and rates only ride the heartbeat.
  if ((b.inErrors ?? 0) > (a.inErrors ?? 0) || (b.outErrors ?? 0) > (a.outErrors ?? 0)) return `${b.name} errors increased`;
  return undefined;
}

function ipsecChange(a: IpsecTelemetry, b: IpsecTelemetry): string | undefined {
  if (a.sasUp > 0 !== b.sasUp > 0) return `ipsec ${b.peer} SAs ${a.sasUp} -> ${b.sasUp}`;
  if (b.sendErrors > a.sendErrors || b.recvErrors > a.recvErrors) return `ipsec ${b.peer} errors increased`;
  // A counter that went backwards is a new SA or a cleared counter: the path changed.
  if (b.pktsEncaps < a.pktsEncaps || b.pktsDecaps < a.pktsDecaps) return `ipsec ${b.peer} counters reset`;
  return undefined;
}

function listChanges<T>(
  a: readonly T[],
  b: readonly T[],
  key: (t: T) => string | number,
  what: string,
  change: (x: T, y: T) => string | undefined,
): string[] {
  const before = keyed(a, key);
  const after = keyed(b, key);
  const out: string[] = [];
  for (const [k, y] of after) {
    const x = before.get(k);
    const c = x === undefined ? `${what} ${k} appeared` : change(x, y);
    if (c) out.push(c);
  }
  for (const k of before.keys()) if (!after.has(k)) out.push(`${what} ${k} disappeared`);
  return out;
}

/** What moved beyond the deadbands since the last publication; empty when nothing did. */
export function telemetryChanges(
  lastPublished: TelemetryBody | undefined,
  next: TelemetryBody,
  db: Deadbands = DEFAULT_DEADBANDS,
): string[] {
  if (!lastPublished) return ['first report'];
  return [
    ...listChanges(
      lastPublished.sla,
      next.sla,
      (s) => s.operation,
      'sla',
      (x, y) => slaChange(x, y, db),
    ),
    ...listChanges(lastPublished.interfaces, next.interfaces, (i) => i.name, 'interface', interfaceChange),
    ...listChanges(lastPublished.ipsec, next.ipsec, (i) => `${i.interface}/${i.peer}`, 'ipsec', ipsecChange),
    // A class's compliance changing is news; its measures ride the heartbeat (the sla entries carry the moves).
    ...listChanges(
      lastPublished.classes ?? [],
      next.classes ?? [],
      (c) => `${c.candidate}/${c.class}`,
      'class',
      (x, y) => (x.compliance !== y.compliance ? `class ${y.class} on ${y.candidate} ${x.compliance} -> ${y.compliance}` : undefined),
    ),
    // A shortcut that appears, goes or moves is news; its hold time counting down is not.
    ...listChanges(
      lastPublished.shortcuts ?? [],
      next.shortcuts ?? [],
      (s) => s.prefix,
      'shortcut',
      (x, y) => (x.via !== y.via ? `shortcut ${y.prefix} now via ${y.via}` : undefined),
    ),
  ];
}

export interface LastTelemetry {
  body: TelemetryBody;
  atMs: number;
}

/** Whether to publish this telemetry now, and why; undefined to stay quiet. */
export function telemetryTrigger(
  last: LastTelemetry | undefined,
  next: TelemetryBody,
  nowMs: number,
  heartbeatMs: number,
  db: Deadbands = DEFAULT_DEADBANDS,
): 'change' | 'heartbeat' | undefined {
  if (telemetryChanges(last?.body, next, db).length > 0) return 'change';
  if (last && nowMs - last.atMs >= heartbeatMs) return 'heartbeat';
  return undefined;
}

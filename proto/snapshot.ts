/**
 * The fleet-wide snapshot request (Sparkplug calls it rebirth): a consumer
 * starting cold asks every agent to publish its birth and current state
 * again, instead of relying on retained messages, which RabbitMQ does not
 * deliver to wildcard subscriptions. Each agent answers after a random delay
 * within the spread and at most once per `minIntervalMs`, so 10,000 answers
 * arrive over the spread instead of in one second. Unsigned: the worst anyone
 * allowed to publish it can cause is one birth and one state per agent per interval.
 */
import { PROTO_VERSION } from './payloads.js';
import { checkRoot, checkSegment } from './topics.js';

/** `<root>/_fleet/snapshot`: two levels, so no `<root>/+/+/+` subscriber sees it, and no site can be named `_fleet`. */
export const snapshotTopic = (root: string): string => `${checkRoot(root)}/_fleet/snapshot`;

export interface SnapshotRequest {
  v: typeof PROTO_VERSION;
  id: string;
  ts: number;
  /** Answers are spread uniformly over this many ms (clamped to SNAPSHOT_LIMITS); choose about fleet size / answers per second wanted. */
  spreadMs?: number;
  /** Only this site's agents answer. */
  site?: string;
}

export const SNAPSHOT_LIMITS = {
  defaultSpreadMs: 3_000,
  minSpreadMs: 0,
  maxSpreadMs: 120_000,
  /** An agent answers at most once per interval; a request inside it is answered when it ends. */
  minIntervalMs: 10_000,
  maxPayloadBytes: 1024,
} as const;

export function buildSnapshotRequest(o: { id: string; nowMs: number; spreadMs?: number; site?: string }): SnapshotRequest {
  if (o.site !== undefined) checkSegment('site', o.site);
  return {
    v: PROTO_VERSION,
    id: o.id,
    ts: o.nowMs,
    ...(o.spreadMs !== undefined ? { spreadMs: o.spreadMs } : {}),
    ...(o.site !== undefined ? { site: o.site } : {}),
  };
}

/** The request, or why it is refused (an agent ignores it then). */
export function parseSnapshotRequest(payload: Buffer | string): SnapshotRequest | { error: string } {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (bytes > SNAPSHOT_LIMITS.maxPayloadBytes) return { error: `${bytes} bytes, over ${SNAPSHOT_LIMITS.maxPayloadBytes}` };
  let body: unknown;
  try {
    body = JSON.parse(payload.toString());
  } catch {
    return { error: 'not JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: 'not a JSON object' };
  const b = body as Record<string, unknown>;
  if (b.v !== PROTO_VERSION) return { error: `v must be ${PROTO_VERSION}` };
  if (typeof b.id !== 'string' || b.id.length === 0 || b.id.length > 128) return { error: 'id must be a string of 1-128 characters' };
  if (typeof b.ts !== 'number' || !Number.isFinite(b.ts)) return { error: 'ts must be a number (epoch ms)' };
  if (b.spreadMs !== undefined && (typeof b.spreadMs !== 'number' || !Number.isFinite(b.spreadMs) || b.spreadMs < 0))
    return { error: 'spreadMs must be a number of ms, 0 or more' };
  if (b.site !== undefined && typeof b.site !== 'string') return { error: 'site must be a string' };
  return {
    v: PROTO_VERSION,
    id: b.id,
    ts: b.ts,
    ...(b.spreadMs !== undefined ? { spreadMs: b.spreadMs as number } : {}),
    ...(b.site !== undefined ? { site: b.site as string } : {}),
  };
}

/** The spread an agent applies: the request's, clamped, or the default. */
export const effectiveSpreadMs = (r: Pick<SnapshotRequest, 'spreadMs'>): number =>
  Math.min(SNAPSHOT_LIMITS.maxSpreadMs, Math.max(SNAPSHOT_LIMITS.minSpreadMs, r.spreadMs ?? SNAPSHOT_LIMITS.defaultSpreadMs));

/**
 * The dashboard's engine: applies the feed to the picture of the fleet,
 * writes history in batches (one transaction a second, not one per message),
 * fans changes out to live listeners in batches (a fleet-wide event of 1,000
 * spokes is one message, not 1,000), prunes history, and signs and sends
 * commands with the operator key, which never leaves this process.
 */
import type { KeyObject } from 'node:crypto';
import { buildSignedCommand } from '../../proto/command-signing.js';
import type { CommandName } from '../../proto/commands.js';
import type { EventPayload } from '../../proto/payloads.js';
import { checkSegment, nodeTopics } from '../../proto/topics.js';
import { eventText } from './event-text.js';
import type { FleetStore } from './fleet-db.js';
import type { HistorySample } from './history-rollup.js';
import { FleetState, overviewRow, type OverviewRow, type Spoke } from './fleet-state.js';
import { replyText } from './spoke-page.js';
import { runSliced, type SlicedRun } from './sliced-run.js';
import { describeError } from '../../proto/coded-error.js';
import { silentLogger, type Logger } from '../ports/logger.js';

export interface LiveBatch {
  rows: OverviewRow[];
  /** Spokes whose page changed (telemetry included): an open spoke page refetches. */
  touched: string[];
  events: { key: string; ts: number; kind: string; text: string }[];
  replies: { key: string; tx: string; ok: boolean; text: string }[];
}

export interface LiveFilter {
  site?: string;
  kinds?: string[];
}

export interface Signer {
  key: KeyObject;
  keyId: string;
}

export const LIVE_BATCH_MS = 250;
export const PRUNE_EVERY_MS = 10 * 60_000;
/** Longest the prune holds the event loop at a time: a request or a message batch waits at most about this. */
export const PRUNE_SLICE_MS = 20;
const REPLY_WAIT_MS = 20_000;

export class FleetService {
  readonly state: FleetState;
  private pendingSamples: HistorySample[] = [];
  private pendingSpokes = new Map<string, Spoke>();
  private batch: LiveBatch = { rows: [], touched: [], events: [], replies: [] };
  private changedRows = new Set<string>();
  private touched = new Set<string>();
  private readonly listeners = new Set<{ filter: LiveFilter; send: (b: LiveBatch) => void }>();
  private readonly waiting = new Map<string, (reply: Record<string, unknown>) => void>();
  private readonly timers: NodeJS.Timeout[] = [];
  private pruning: Promise<SlicedRun | undefined> | undefined;
  private stopped = false;
  messages = 0;
  /** The last prune that finished (its rows, and slices: the times the server answered in between). */
  lastPrune: SlicedRun | undefined;

  constructor(
    readonly root: string,
    readonly store: FleetStore,
    private readonly now: () => number = Date.now,
    private readonly log: Logger = silentLogger,
    /** What the spokes' times are read against in words ("3 min ago"): `now` unless they keep a clock of their own (dashboard.ts SpokeClock). */
    private readonly spokeNow: () => number = now,
  ) {
    this.state = new FleetState(root);
    for (const r of store.spokes()) {
      this.state.restore({
        key: r.key,
        site: r.site,
        node: r.node,
        ...(r.status ? { status: JSON.parse(r.status) } : {}),
        ...(r.state ? { state: JSON.parse(r.state) } : {}),
        ...(r.path ? { path: r.path } : {}),
        ...(r.path_since ? { pathSince: r.path_since } : {}),
        ...(r.online_since ? { onlineSince: r.online_since } : {}),
        lastHeardMs: r.updated,
      });
    }
  }

  start(): void {
    void this.prune(); // a server started after days off drops what expired meanwhile at once
    this.timers.push(setInterval(() => this.flush(), LIVE_BATCH_MS));
    this.timers.push(setInterval(() => void this.prune(), PRUNE_EVERY_MS));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    this.stopped = true; // a prune between two slices takes no further step: the database is about to close
    for (const t of this.timers) clearInterval(t);
    this.flush();
  }

  /** True while a prune is between its slices. */
  get pruneRunning(): boolean {
    return this.pruning !== undefined;
  }

  /**
   * Drops expired history in slices of PRUNE_SLICE_MS, the server answering in
   * between; one prune at a time (a schedule that finds one running leaves it be).
   */
  prune(): Promise<SlicedRun | undefined> {
    this.pruning ??= runSliced(this.store.pruneSteps(this.now()), { sliceMs: PRUNE_SLICE_MS, cancelled: () => this.stopped })
      .then(
        (run) => {
          this.lastPrune = run;
          if (run.total > 0) this.log.info('history-pruned', { rows: run.total, slices: run.slices });
          return run;
        },
        (err: unknown) => {
          // Kept serving: the next schedule tries again, and what it could not drop is only kept longer.
          this.log.error('history-prune-failed', describeError(err));
          return undefined;
        },
      )
      .finally(() => {
        this.pruning = undefined;
      });
    return this.pruning;
  }

  onMessage(topic: string, payload: Buffer | string): void {
    const nowMs = this.now();
    const a = this.state.apply(topic, payload, nowMs);
    if (!a) return;
    this.messages++;
    const key = a.spoke.key;
    this.touched.add(key);
    switch (a.kind) {
      case 'spoke':
        this.changedRows.add(key);
        if (a.persist) this.pendingSpokes.set(key, a.spoke);
        break;
      case 'telemetry':
        for (const s of a.samples)
          this.pendingSamples.push({
            spoke: key,
            ts: a.ts,
            candidate: s.candidate,
            loss: s.loss,
            rtt: s.rtt ?? null,
            jitter: s.jitter ?? null,
          });
        break;
      case 'event':
        // The same event from a second broker, or replayed from the outbox, is stored and shown once.
        if (this.store.addEvent(a.event.id, key, a.event.ts, a.event.kind, JSON.stringify(a.event))) {
          this.changedRows.add(key);
          this.batch.events.push({ key, ts: a.event.ts, kind: a.event.kind, text: eventText(a.event as EventPayload, this.spokeNow()) });
        }
        break;
      case 'reply':
        if (this.store.recordReply(a.tx, JSON.stringify(a.body), nowMs)) {
          this.batch.replies.push({ key, tx: a.tx, ok: a.body.ok === true, text: replyText(a.body)! });
          this.waiting.get(a.tx)?.(a.body);
        }
        break;
    }
  }

  /** Writes what arrived since the last flush and sends one batch to each listener. */
  flush(): void {
    const nowMs = this.now();
    if (this.pendingSamples.length || this.pendingSpokes.size) {
      const samples = this.pendingSamples;
      const spokes = [...this.pendingSpokes.values()];
      this.pendingSamples = [];
      this.pendingSpokes.clear();
      this.store.db.transaction(() => {
        this.store.addSamples(samples, nowMs);
        for (const s of spokes) {
          this.store.saveSpoke({
            key: s.key,
            site: s.site,
            node: s.node,
            status: s.status ? JSON.stringify(s.status) : null,
            state: s.state ? JSON.stringify(s.state) : null,
            path: s.path ?? null,
            path_since: s.pathSince ?? null,
            online_since: s.onlineSince ?? null,
            updated: s.lastHeardMs,
          });
        }
      })();
    }
    if (!this.changedRows.size && !this.touched.size && !this.batch.events.length && !this.batch.replies.length) return;
    const batch: LiveBatch = {
      ...this.batch,
      rows: [...this.changedRows].map((k) => overviewRow(this.state.spokes.get(k)!)),
      touched: [...this.touched],
    };
    this.batch = { rows: [], touched: [], events: [], replies: [] };
    this.changedRows.clear();
    this.touched.clear();
    for (const l of this.listeners) l.send(filterBatch(batch, l.filter));
  }

  listen(filter: LiveFilter, send: (b: LiveBatch) => void): () => void {
    const l = { filter, send };
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Signs, records (with who sent it) and publishes a command; resolves with
   * the reply, or undefined when none came in time (the record keeps waiting for it).
   */
  async command(o: {
    site: string;
    node: string;
    cmd: CommandName;
    args: Record<string, unknown>;
    by: string;
    signer: Signer;
    publish: (topic: string, payload: string) => Promise<void>;
    waitMs?: number;
  }): Promise<{ tx: string; reply?: Record<string, unknown> }> {
    checkSegment('site', o.site);
    checkSegment('node', o.node);
    const nowMs = this.now();
    const signed = buildSignedCommand(
      { site: o.site, node: o.node, cmd: o.cmd, args: o.args as never, keyId: o.signer.keyId, nowMs, ttlSec: 60 },
      o.signer.key,
    );
    this.store.recordCommand({ tx: signed.tx, spoke: `${o.site}/${o.node}`, sentMs: nowMs, sentBy: o.by, cmd: o.cmd, args: o.args });
    const reply = new Promise<Record<string, unknown> | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(signed.tx);
        resolve(undefined);
      }, o.waitMs ?? REPLY_WAIT_MS);
      this.waiting.set(signed.tx, (r) => {
        clearTimeout(timer);
        this.waiting.delete(signed.tx);
        resolve(r);
      });
    });
    try {
      await o.publish(nodeTopics(this.root, o).cmd, JSON.stringify(signed));
    } catch (err) {
      this.waiting.get(signed.tx)?.({ tx: signed.tx, ok: false, error: { code: 'not-sent', message: (err as Error).message } });
      throw err;
    }
    const r = await reply;
    return { tx: signed.tx, ...(r ? { reply: r } : {}) };
  }
}

export function filterBatch(b: LiveBatch, f: LiveFilter): LiveBatch {
  if (!f.site && !f.kinds?.length) return b;
  const siteOk = (key: string) => !f.site || key.startsWith(`${f.site}/`);
  return {
    rows: b.rows.filter((r) => siteOk(r.key)),
    touched: b.touched.filter(siteOk),
    events: b.events.filter((e) => siteOk(e.key) && (!f.kinds?.length || f.kinds.includes(e.kind))),
    replies: b.replies.filter((r) => siteOk(r.key)),
  };
}

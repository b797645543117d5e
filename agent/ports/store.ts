import type { AddressFamily, Route } from '../../proto/records/routing.js';
import type { ViolationSummary } from '../core/route-expectations.js';
import type { MeteredUsage } from '../core/metered/usage.js';

/*
 * The store as the shell sees it (issue 14): narrow interfaces, one per use,
 * and the plain records they carry. The SQLite adapters (agent/adapters/sqlite)
 * implement them; nothing here names SQLite.
 */

/** Delivery priority: events and decisions before state before telemetry. */
export type OutboxClass = 'event' | 'state' | 'telemetry';

export interface OutboxMessage {
  class: OutboxClass;
  topic: string;
  payload: string;
  retain?: boolean;
  createdMs: number;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
}

export interface ClassCount {
  messages: number;
  bytes: number;
}

export type Evictions = Record<OutboxClass, ClassCount>;

/** What the journal records: observations that changed state, decisions, actions, their verification. */
export interface JournalEntry {
  tsMs: number;
  kind: string;
  /** What it is about: a candidate, a peer, an interface, a command id. */
  subject?: string;
  data: unknown;
}

export interface JournalRow extends JournalEntry {
  id: number;
}

export interface JournalQuery {
  sinceMs?: number;
  untilMs?: number;
  kinds?: readonly string[];
  limit?: number;
  /** The newest `limit` entries (still returned oldest first), rather than the oldest. */
  newest?: boolean;
}

export interface TableId {
  family: AddressFamily;
  vrf: string;
  source?: 'rib' | 'ikev2';
}

export interface IngestSummary {
  snapshotId: number;
  table: TableId;
  tsMs: number;
  routeCount: number;
  added: number;
  removed: number;
  changed: number;
}

export interface TableIngestResult {
  summary: IngestSummary;
  violations: ViolationSummary;
}

export interface IngestOutcome {
  tables: TableIngestResult[];
  parseWarnings: number;
}

export interface SnapshotInfo {
  id: number;
  table: TableId;
  tsMs: number;
  routeCount: number;
  added: number;
  removed: number;
  changed: number;
}

/** A route as cached: the record without per-read ages, and when this version was first seen. */
export interface CachedRoute {
  route: Route;
  firstSeenMs: number;
  /** The route's age at the snapshot's time, from the age IOS printed when first seen. */
  ageSec?: number;
}

/** A nonce of an accepted command, remembered until the command expires (plus skew). */
export interface RememberedNonce {
  nonce: string;
  expMs: number;
}

/** The outbox as the reporting side uses it: the publisher peeks and acks, the reporter appends. */
export interface OutboxStore {
  /** Rows in delivery order (class, then age), less those in `exclude` (in flight). */
  peek(limit: number, exclude?: ReadonlySet<number>): OutboxRow[];
  /** Deletes what the broker acknowledged. */
  ack(ids: readonly number[]): Promise<void>;
  /** Appends in one commit; when space runs out the lowest class is evicted first (and counted). */
  append(messages: readonly OutboxMessage[], nowMs: number): Promise<void>;
  depth(): Evictions & { total: ClassCount };
  evictions(): Evictions;
}

/** The journal as a command reads it (get-events). */
export interface JournalReader {
  query(q?: JournalQuery): JournalRow[];
}

/** Where the command handler records outcomes, and reloads the nonces of accepted commands after a restart. */
export interface CommandLog {
  /** An acceptance (with its nonce) writes its journal row and its nonce in one commit: a command never runs with its nonce unrecorded. */
  record(entry: JournalEntry, nonce?: RememberedNonce): Promise<void>;
  unexpiredNonces(nowMs: number): readonly RememberedNonce[];
}

/** Cached route tables, as a command reads them (get-routes). */
export interface RouteQueries {
  tableAt(table: TableId, atMs?: number): { snapshot?: SnapshotInfo; routes: CachedRoute[] };
}

/** What the MQTT side needs of the store. */
export interface ReportingStore {
  outbox: OutboxStore;
  journal: JournalReader;
  commands: CommandLog;
  routes: RouteQueries;
}

/** What the runtime needs of the store. Nothing here may stop the agent deciding. */
export interface AgentStore {
  /** Fire and forget: a failure is counted and logged, never thrown. */
  journal(tsMs: number, kind: string, subject: string | undefined, data: unknown): void;
  ingestRoutes(command: string, text: string, tsMs: number): Promise<IngestOutcome>;
  /** Journal writes pending, and failures so far. */
  health(): { pendingWrites: number; errors: number; lastError?: string };
  prune(nowMs: number): void;
  /** Work still running off the main thread (a route table being stored): a lab run on a manual clock waits for it. */
  busy(): boolean;
  close(): Promise<void>;
  /**
   * The MQTT side's parts; undefined without a database. `nonceKeepMs`: how
   * long past its expiry an accepted command's nonce is kept (the verifier's clock skew).
   */
  reporting(o: { nonceKeepMs: number }): ReportingStore | undefined;
  /** Bytes counted on metered WANs (agent/shell/report/metered-accounting.ts); absent without a database. */
  metered?(): MeteredUsageStore | undefined;
}

/** A metered WAN's usage across restarts. `save` is fire and forget: a failure is counted and logged. */
export interface MeteredUsageStore {
  load(iface: string): MeteredUsage | undefined;
  save(usage: MeteredUsage): void;
}

import { Worker } from 'node:worker_threads';
import type { Route } from '../../../proto/records/routing.js';
import type { RouteExpectations } from '../../core/route-expectations.js';
import { resolveWorkerEntry } from '../../workers/worker-entry.js';
import type { RouteIngestReply, RouteIngestRequest, RouteIngestWorkerData, TableIngestResult } from './route-ingest-messages.js';
import type { TableId } from './route-key.js';
import { StoreError, type StoreErrorCode } from './store-error.js';

export interface RouteIngesterOptions {
  dbPath: string;
  expectations?: RouteExpectations;
  sliceRows?: number;
  pauseMs?: number;
  /** Reads waiting behind the one in progress; a newer read of the same table replaces an older one. */
  maxPending?: number;
  nativeBinding?: string;
}

export interface IngestOutcome {
  tables: TableIngestResult[];
  parseWarnings: number;
}

type Pending = {
  req: RouteIngestRequest;
  key: string;
  resolve(o: IngestOutcome): void;
  reject(e: Error): void;
};

/**
 * Main-thread side of route ingestion: hands table reads to a worker so a
 * 100,000-route diff never delays a decision. Reads are queued; a newer read
 * of a table supersedes one still waiting (its caller gets STORE_SUPERSEDED).
 */
export class RouteIngester {
  private readonly worker: Worker;
  private readonly waiting: Pending[] = [];
  private running: Pending | undefined;
  private nextId = 1;
  private closed = false;
  superseded = 0;

  constructor(private readonly options: RouteIngesterOptions) {
    const entry = resolveWorkerEntry(import.meta.url, 'route-ingest-worker');
    const data: RouteIngestWorkerData = {
      dbPath: options.dbPath,
      sliceRows: options.sliceRows ?? 2000,
      pauseMs: options.pauseMs ?? 1,
      ...(options.expectations ? { expectations: options.expectations } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    };
    this.worker = new Worker(entry.file, { workerData: { ...entry.workerData, ...data } });
    this.worker.on('message', (reply: RouteIngestReply) => this.onReply(reply));
    this.worker.on('error', (err) => this.failAll(new StoreError('STORE_FAILED', `route worker failed: ${err.message}`)));
    this.worker.on('exit', (code) => this.failAll(new StoreError('STORE_FAILED', `route worker exited (${code})`)));
    this.worker.unref();
  }

  /** Stores the output of `show ip route [vrf X]` / `show ipv6 route [vrf X]`, parsed in the worker. */
  ingestText(command: string, text: string, tsMs: number): Promise<IngestOutcome> {
    return this.enqueue({ id: this.nextId++, kind: 'text', command, text, tsMs }, `text:${command}`);
  }

  /** Stores already-parsed routes as one table. */
  ingestRoutes(table: TableId, routes: Route[], tsMs: number): Promise<IngestOutcome> {
    return this.enqueue({ id: this.nextId++, kind: 'routes', table, routes, tsMs }, `routes:${table.family}/${table.vrf}`);
  }

  /** Forgets route history older than `keepSinceMs`, in the worker. */
  prune(keepSinceMs: number): Promise<IngestOutcome> {
    return this.enqueue({ id: this.nextId++, kind: 'prune', keepSinceMs }, 'prune');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new StoreError('STORE_FAILED', 'route ingester closed'));
    await this.worker.terminate();
  }

  private enqueue(req: RouteIngestRequest, key: string): Promise<IngestOutcome> {
    if (this.closed) return Promise.reject(new StoreError('STORE_FAILED', 'route ingester closed'));
    return new Promise((resolve, reject) => {
      const older = this.waiting.findIndex((p) => p.key === key);
      if (older >= 0) {
        const [old] = this.waiting.splice(older, 1);
        this.superseded++;
        old!.reject(new StoreError('STORE_SUPERSEDED', 'superseded by a newer read of the same table'));
      } else if (this.waiting.length >= (this.options.maxPending ?? 8)) {
        reject(new StoreError('STORE_BUSY', 'route ingest queue full'));
        return;
      }
      this.waiting.push({ req, key, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.waiting.length === 0) return;
    this.running = this.waiting.shift()!;
    this.worker.ref();
    this.worker.postMessage(this.running.req);
  }

  private onReply(reply: RouteIngestReply): void {
    const job = this.running;
    if (!job || job.req.id !== reply.id) return;
    this.running = undefined;
    this.worker.unref();
    if (reply.ok) job.resolve({ tables: reply.tables, parseWarnings: reply.parseWarnings });
    else job.reject(new StoreError(reply.code as StoreErrorCode, reply.message));
    this.pump();
  }

  private failAll(err: Error): void {
    for (const p of [...(this.running ? [this.running] : []), ...this.waiting.splice(0)]) p.reject(err);
    this.running = undefined;
  }
}

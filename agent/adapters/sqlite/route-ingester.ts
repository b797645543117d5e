import { Worker } from 'node:worker_threads';
import type { Route } from '../../../proto/records/routing.js';
import type { RouteExpectations } from '../../core/route-expectations.js';
import { resolveWorkerEntry } from '../../workers/worker-entry.js';
import type { RouteIngestReply, RouteIngestRequest, RouteIngestTextPart, RouteIngestWorkerData } from './route-ingest-messages.js';
import type { TableId } from './route-key.js';
import { StoreError } from './store-error.js';
import { startsRoute } from '../../core/route-lines.js';
import { errorCode } from '../../../proto/coded-error.js';
import type { IngestOutcome } from '../../ports/store.js';
export type { IngestOutcome };

export interface RouteIngesterOptions {
  dbPath: string;
  expectations?: RouteExpectations;
  sliceRows?: number;
  pauseMs?: number;
  /** Reads waiting behind the one in progress; a newer read of the same table replaces an older one. */
  maxPending?: number;
  /**
   * Tables longer than this many lines are refused before the worker parses
   * them (STORE_TABLE_TOO_LARGE): under the package's heap ceiling a table far
   * beyond it would exhaust the worker's memory. Lines bound routes from above.
   */
  maxTableLines?: number;
  nativeBinding?: string;
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
  private worker: Worker | undefined;
  private readonly waiting: Pending[] = [];
  private running: Pending | undefined;
  private nextId = 1;
  private closed = false;
  superseded = 0;
  /** Workers that died (out of memory, most likely) and were replaced at the next request. */
  restarts = 0;

  constructor(private readonly options: RouteIngesterOptions) {
    this.worker = this.spawn();
  }

  /** A request is with the worker or waiting for it. */
  get busy(): boolean {
    return this.running !== undefined || this.waiting.length > 0;
  }

  private spawn(): Worker {
    const entry = resolveWorkerEntry(import.meta.url, 'route-ingest-worker');
    const o = this.options;
    const data: RouteIngestWorkerData = {
      dbPath: o.dbPath,
      sliceRows: o.sliceRows ?? 2000,
      pauseMs: o.pauseMs ?? 1,
      ...(o.expectations ? { expectations: o.expectations } : {}),
      ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
    };
    const worker = new Worker(entry.file, { workerData: { ...entry.workerData, ...data } });
    worker.on('message', (reply: RouteIngestReply) => this.onReply(reply));
    worker.on('error', (err: Error) =>
      this.died(
        worker,
        errorCode(err) === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new StoreError(
              'STORE_OUT_OF_MEMORY',
              `route worker ran out of memory (${err.message}); a smaller routes.maxTableRoutes, or a higher --max-old-space-size, avoids it`,
              undefined,
              { cause: err },
            )
          : new StoreError('STORE_FAILED', `route worker failed: ${err.message}`, undefined, { cause: err }),
      ),
    );
    worker.on('exit', (code) => this.died(worker, new StoreError('STORE_FAILED', `route worker exited (${code})`)));
    worker.unref();
    return worker;
  }

  /** The worker is gone: what it held fails, and the next request starts a new one. */
  private died(worker: Worker, err: StoreError): void {
    if (this.worker !== worker) return; // its 'error' came first and was handled
    this.worker = undefined;
    if (!this.closed) this.restarts++;
    const job = this.running;
    this.running = undefined;
    job?.reject(err);
    this.pump();
  }

  /** Stores the output of `show ip route [vrf X]` / `show ipv6 route [vrf X]`, parsed in the worker. */
  ingestText(command: string, text: string, tsMs: number): Promise<IngestOutcome> {
    const max = this.options.maxTableLines;
    if (max !== undefined) {
      const routes = countRouteLines(text, max);
      if (routes > max)
        return Promise.reject(
          new StoreError('STORE_TABLE_TOO_LARGE', `"${command}" printed over ${max} routes; not cached (routes.maxTableRoutes)`),
        );
    }
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
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
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
    if (this.closed || this.running || this.waiting.length === 0) return;
    this.worker ??= this.spawn();
    this.running = this.waiting.shift()!;
    this.worker.ref();
    void this.post(this.worker, this.running.req);
  }

  /** Sends a request; a big text goes ahead in parts, one per turn of the loop. */
  private async post(worker: Worker, req: RouteIngestRequest): Promise<void> {
    if (req.kind !== 'text' || req.text.length <= TEXT_PART_CHARS) {
      worker.postMessage(req);
      return;
    }
    let at = 0;
    for (; at + TEXT_PART_CHARS < req.text.length; at += TEXT_PART_CHARS) {
      worker.postMessage({ id: req.id, kind: 'text-part', part: req.text.slice(at, at + TEXT_PART_CHARS) } satisfies RouteIngestTextPart);
      await new Promise((resolve) => setImmediate(resolve));
      if (this.worker !== worker) return; // it died meanwhile; the request has failed
    }
    worker.postMessage({ ...req, text: req.text.slice(at) });
  }

  private onReply(reply: RouteIngestReply): void {
    const job = this.running;
    if (!job || job.req.id !== reply.id) return;
    this.running = undefined;
    this.worker?.unref();
    if (reply.ok) job.resolve({ tables: reply.tables, parseWarnings: reply.parseWarnings });
    else job.reject(new StoreError(reply.code, reply.message));
    this.pump();
  }

  private failAll(err: Error): void {
    for (const p of [...(this.running ? [this.running] : []), ...this.waiting.splice(0)]) p.reject(err);
    this.running = undefined;
  }
}

/** A table's text crosses to the worker in parts of this many characters (about 1 ms each to serialise). */
const TEXT_PART_CHARS = 1 << 20;

/**
 * Routes in a table's text, counted by the lines that start one: a route's
 * other paths, and an IPv6 route's next hop, are on indented continuation
 * lines (so a table of 40,000 routes with some equal-cost paths is not
 * refused as 52,000 lines). Stops counting past `limit`.
 */
function countRouteLines(text: string, limit: number): number {
  let n = startsRoute(text.charCodeAt(0)) ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0 && n <= limit; i = text.indexOf('\n', i + 1)) if (startsRoute(text.charCodeAt(i + 1))) n++;
  return n;
}

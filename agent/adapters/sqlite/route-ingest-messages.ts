import type { Route } from '../../../proto/records/routing.js';
import type { RouteExpectations } from '../../core/route-expectations.js';
import type { TableId } from './route-key.js';
import type { StoreErrorCode } from './store-error.js';
import type { TableIngestResult } from '../../ports/store.js';
export type { TableIngestResult };

export interface RouteIngestWorkerData {
  dbPath: string;
  sliceRows: number;
  /** Pause between slices so the main thread's connection gets the write lock. */
  pauseMs: number;
  expectations?: RouteExpectations;
  nativeBinding?: string;
}

/**
 * A piece of a big text, sent ahead of its request (same id) one per turn of
 * the main loop: serialising a 6 MB table in one postMessage held the loop ~10 ms.
 */
export interface RouteIngestTextPart {
  id: number;
  kind: 'text-part';
  part: string;
}

export type RouteIngestRequest =
  | { id: number; kind: 'text'; command: string; text: string; tsMs: number }
  | { id: number; kind: 'routes'; table: TableId; routes: Route[]; tsMs: number }
  /** Forget route history older than keepSinceMs (done here: it can delete many rows). */
  | { id: number; kind: 'prune'; keepSinceMs: number };

export type RouteIngestReply =
  | { id: number; ok: true; tables: TableIngestResult[]; parseWarnings: number }
  | { id: number; ok: false; code: StoreErrorCode; message: string };

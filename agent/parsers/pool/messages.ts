import type { ParseWarning } from '../../../proto/records/common.js';

/** Main thread -> worker. */
export interface ParseRequest {
  id: number;
  command: string;
  text: string;
}

/**
 * Worker -> main thread. Records come back in chunks: one structured-clone of
 * 100,000 route records would block the receiving loop for tens of
 * milliseconds; chunks are deserialised one macrotask at a time.
 */
export type ParseReply =
  | { id: number; kind: 'chunk'; records: unknown[] }
  | { id: number; kind: 'done'; warnings: ParseWarning[] }
  | { id: number; kind: 'error'; code: string; message: string };

export const RECORDS_PER_CHUNK = 2000;

import type { ParseWarning } from '../../../proto/records/common.js';
import type { ParseErrorCode } from '../registry.js';

/** Main thread -> worker: a job, or leave to send the next chunk of one. */
export type ParseRequest = { kind: 'parse'; id: number; command: string; text: string } | { kind: 'next'; id: number };

/**
 * Worker -> main thread. Records come back in chunks, one at a time, each sent
 * only when the main thread asks for the next: Node delivers every message
 * already queued on a port in one go, so unpaced chunks would be deserialised
 * back to back and block the loop as long as one big message would.
 */
export type ParseReply =
  | { id: number; kind: 'chunk'; records: unknown[] }
  | { id: number; kind: 'done'; warnings: ParseWarning[] }
  | { id: number; kind: 'error'; code: ParseErrorCode; message: string };

export const RECORDS_PER_CHUNK = 500;

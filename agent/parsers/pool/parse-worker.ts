import { parentPort } from 'node:worker_threads';
import type { ParseResult } from '../../../proto/records/common.js';
import { errorMessage } from '../../../proto/coded-error.js';
import { parseCommandOutput, UnsupportedCommandError } from '../registry.js';
import { RECORDS_PER_CHUNK, type ParseReply, type ParseRequest } from './messages.js';

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

/** The job whose chunks are being handed out, and how far. */
let current: { id: number; result: ParseResult<unknown>; next: number } | undefined;

const send = (reply: ParseReply) => port.postMessage(reply);

function sendNext(): void {
  if (!current) return;
  const { id, result, next } = current;
  if (next >= result.records.length) {
    current = undefined;
    send({ id, kind: 'done', warnings: result.warnings });
    return;
  }
  current.next = next + RECORDS_PER_CHUNK;
  send({ id, kind: 'chunk', records: result.records.slice(next, next + RECORDS_PER_CHUNK) });
}

port.on('message', (req: ParseRequest) => {
  if (req.kind === 'next') {
    if (current?.id === req.id) sendNext();
    return;
  }
  try {
    current = { id: req.id, result: parseCommandOutput(req.command, req.text), next: 0 };
    sendNext();
  } catch (err) {
    current = undefined;
    // Parsers never throw: only an unknown command has a code of its own; anything else is a fault in the worker.
    const code = err instanceof UnsupportedCommandError ? err.code : 'PARSE_WORKER_FAILED';
    send({ id: req.id, kind: 'error', code, message: errorMessage(err) });
  }
});

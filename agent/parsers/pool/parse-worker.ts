import { parentPort } from 'node:worker_threads';
import { parseCommandOutput } from '../registry.js';
import { RECORDS_PER_CHUNK, type ParseReply, type ParseRequest } from './messages.js';

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

port.on('message', (req: ParseRequest) => {
  const send = (reply: ParseReply) => port.postMessage(reply);
  try {
    const result = parseCommandOutput(req.command, req.text);
    for (let i = 0; i < result.records.length; i += RECORDS_PER_CHUNK) {
      send({ id: req.id, kind: 'chunk', records: result.records.slice(i, i + RECORDS_PER_CHUNK) });
    }
    send({ id: req.id, kind: 'done', warnings: result.warnings });
  } catch (err) {
    const e = err as Error & { code?: string };
    send({ id: req.id, kind: 'error', code: e.code ?? 'PARSE_WORKER_FAILED', message: e.message });
  }
});

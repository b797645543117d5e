// Runs a TypeScript worker from sources (development and tests): registers
// tsx in this thread, then loads the worker module named in workerData.tsEntry
// (the rest of workerData is the worker's own).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);

/**
 * Entry of the bundle (dist/spokepilot.cjs, and the single executable built
 * from it). The bundle holds the workers' code too: a worker thread is this
 * same bundle started again with workerData.spokepilotWorker naming the worker.
 */
import { isSea } from 'node:sea';
import { basename } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { BUNDLED_WORKER_ENTRY, type BundledWorkerEntry } from '../agent/workers/worker-entry.js';

/** build/sea-loader.js, inlined by build/bundle.ts: a SEA worker runs it from a data: URL. */
declare const SEA_LOADER_SOURCE: string;

const WORKERS: Record<string, () => Promise<unknown>> = {
  'parse-worker': () => import('../agent/parsers/pool/parse-worker.js'),
  'route-ingest-worker': () => import('../agent/adapters/sqlite/route-ingest-worker.js'),
};

/** Invoked under this name (a symlink in the IOx rootfs), the executable is the IOx monitor script. */
const HEALTHCHECK_NAME = 'spokepilot-healthcheck';

const startSelfAsWorker: BundledWorkerEntry = (name) => {
  if (!(name in WORKERS)) throw new Error(`bundle has no worker named ${name}`);
  // A SEA cannot run its executable as a script; the loader reads the embedded bundle instead.
  const file = isSea() ? new URL(`data:text/javascript,${encodeURIComponent(SEA_LOADER_SOURCE)}`) : __filename;
  return { file, workerData: { spokepilotWorker: name } };
};
(globalThis as { [BUNDLED_WORKER_ENTRY]?: BundledWorkerEntry })[BUNDLED_WORKER_ENTRY] = startSelfAsWorker;

async function run(): Promise<number> {
  const worker = isMainThread ? undefined : (workerData as { spokepilotWorker?: string } | undefined)?.spokepilotWorker;
  if (worker !== undefined) {
    await WORKERS[worker]!();
    return 0;
  }
  const argv = process.argv.slice(2);
  if (argv[0] === 'self-test') return (await import('./self-test.js')).selfTest(argv.slice(1));
  const { main } = await import('../agent/cli/main.js');
  return main(basename(process.argv0) === HEALTHCHECK_NAME ? ['health', ...argv] : argv);
}

run().then(
  (code) => {
    if (isMainThread) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);

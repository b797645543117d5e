import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WorkerEntry {
  /** A script path, or a URL (a bundle inside a single executable starts workers from a `data:` URL). */
  file: string | URL;
  workerData?: Record<string, unknown>;
}

/**
 * Installed on globalThis by a bundled build (build/entry.ts): a bundle holds
 * every worker's code, so it starts itself again as the named worker.
 */
export const BUNDLED_WORKER_ENTRY = Symbol.for('spokepilot.bundledWorkerEntry');
export type BundledWorkerEntry = (name: string) => WorkerEntry;

/**
 * Where a worker's code is. A bundled build says so itself (above); a compiled
 * build ships `<name>.js` (or `.cjs`/`.mjs`) beside the module that starts it;
 * running from TypeScript sources, the worker loads `<name>.ts` through tsx, as
 * the main thread does. `beside` is the starting module's `import.meta.url`.
 */
export function resolveWorkerEntry(beside: string, name: string): WorkerEntry {
  const bundled = (globalThis as { [BUNDLED_WORKER_ENTRY]?: BundledWorkerEntry })[BUNDLED_WORKER_ENTRY];
  if (bundled) return bundled(name);
  for (const ext of ['.js', '.cjs', '.mjs']) {
    const file = fileURLToPath(new URL(`./${name}${ext}`, beside));
    if (existsSync(file)) return { file };
  }
  return {
    file: fileURLToPath(new URL('./ts-worker-bootstrap.mjs', import.meta.url)),
    workerData: { tsEntry: new URL(`./${name}.ts`, beside).href },
  };
}

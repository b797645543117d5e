import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WorkerEntry {
  file: string;
  workerData?: { tsEntry: string };
}

/**
 * Where the worker's code is. Compiled or bundled builds ship `parse-worker.js`
 * (or `.cjs`) beside this module; running from TypeScript sources, the worker
 * loads the `.ts` file through tsx, as the main thread does.
 */
export function parseWorkerEntry(): WorkerEntry {
  for (const ext of ['.js', '.cjs', '.mjs']) {
    const file = fileURLToPath(new URL(`./parse-worker${ext}`, import.meta.url));
    if (existsSync(file)) return { file };
  }
  return {
    file: fileURLToPath(new URL('./ts-worker-bootstrap.mjs', import.meta.url)),
    workerData: { tsEntry: new URL('./parse-worker.ts', import.meta.url).href },
  };
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WorkerEntry {
  file: string;
  workerData?: { tsEntry: string };
}

/**
 * Where a worker's code is. A compiled or bundled build ships `<name>.js`
 * (or `.cjs`/`.mjs`) beside the module that starts it; running from TypeScript
 * sources, the worker loads `<name>.ts` through tsx, as the main thread does.
 * `beside` is the starting module's `import.meta.url`.
 */
export function resolveWorkerEntry(beside: string, name: string): WorkerEntry {
  for (const ext of ['.js', '.cjs', '.mjs']) {
    const file = fileURLToPath(new URL(`./${name}${ext}`, beside));
    if (existsSync(file)) return { file };
  }
  return {
    file: fileURLToPath(new URL('./ts-worker-bootstrap.mjs', import.meta.url)),
    workerData: { tsEntry: new URL(`./${name}.ts`, beside).href },
  };
}

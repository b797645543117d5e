import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const CHILD = fileURLToPath(new URL('../../support/route-worker-oom-child.ts', import.meta.url));

describe('route worker out of memory (real heap ceiling, child process)', () => {
  it('a table too big for a 64 MB heap fails with STORE_OUT_OF_MEMORY; a new worker takes the next table', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=64', '--max-semi-space-size=2', '--import', 'tsx', CHILD],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ big: 'STORE_OUT_OF_MEMORY', small: 500, restarts: 1 });
  }, 60_000);
});

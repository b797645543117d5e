/**
 * Red-team finding 3: router output was buffered without limit, and a
 * 250,000-route table or a command that never ends ran the packaged agent's
 * 64 MB heap out within seconds. Proven here in a child with that heap, over
 * real SSH and a real child process for the exec transport.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFloodingRouter, type FloodingRouter } from '../support/flooding-ssh-router.js';
import { tempDir } from '../support/temp-dir.js';

const CHILD = fileURLToPath(new URL('../support/router-output-child.ts', import.meta.url));

describe('router output limits under the package heap (64 MB, child process)', () => {
  const tmp = tempDir('spokepilot-flood-');
  const dohost = join(tmp.dir, 'dohost');
  let router: FloodingRouter;
  beforeAll(async () => {
    writeFileSync(
      dohost,
      [
        '#!/bin/sh',
        'case "$1" in',
        '  "show version") echo "spoke1 uptime is 1 hour" ;;',
        '  *) yes "GigabitEthernet0/0     192.0.2.1       YES manual up                    up" ;;',
        'esac',
      ].join('\n'),
    );
    chmodSync(dohost, 0o755);
    router = await startFloodingRouter({ routes: 250_000 });
  });
  afterAll(async () => {
    await router.close();
    tmp.cleanup();
  });

  it('refuses a 250,000-route table and endless output with ROUTER_OUTPUT_TOO_LARGE, then runs the next command', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=64', '--max-semi-space-size=1', '--import', 'tsx', CHILD, String(router.port), router.fingerprint, dohost],
      { encoding: 'utf8' },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({
      table: 'ROUTER_OUTPUT_TOO_LARGE',
      afterTable: expect.stringMatching(/^returned/),
      flood: 'ROUTER_OUTPUT_TOO_LARGE',
      afterFlood: expect.stringMatching(/^returned/),
      execFlood: 'ROUTER_OUTPUT_TOO_LARGE',
      execAfter: expect.stringMatching(/^returned/),
    });
    // Each refused session was dropped (the router was still printing), and a new one served the next command.
    expect(router.sessions.opened).toBe(3);
    expect(result.peakHeapMb).toBeLessThan(48);
  }, 120_000);
});

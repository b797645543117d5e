/**
 * `npm run broker:cluster` refuses what it cannot do, saying why, before it
 * touches a node (the cluster itself is started and stopped by the broker
 * matrix through the same module).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';

const repo = join(import.meta.dirname, '../../..');

describe('npm run broker:cluster: bad arguments', () => {
  const tmp = tempDir('spokepilot-cluster-cli-');
  afterAll(() => tmp.cleanup());

  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'lab/brokers/cluster-cli.ts', ...args],
        { cwd: repo, timeout: 30_000, env: { ...process.env, SPOKEPILOT_RABBIT_DIR: tmp.dir, ...env } },
        (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
      );
    });

  it.each([
    [['kill-node', '4'], {}, 1, 'no node 4: the cluster has nodes 1-3'],
    [['start-node', 'two'], {}, 1, 'start-node needs a node number 1-3, got "two"'],
    [['kill-node'], {}, 1, 'kill-node needs a node number 1-3, got ""'],
    [['restart'], {}, 2, 'usage: npm run broker:cluster -- start | stop | kill-node N | start-node N | status'],
    [['status'], { SPOKEPILOT_RABBIT_BASE_PORT: '80' }, 1, 'SPOKEPILOT_RABBIT_BASE_PORT 80: a port between 1024 and 65000'],
  ] as [string[], Record<string, string>, number, string][])(
    '%j %j: exit %i, "%s"',
    async (args, env, code, message) => {
      const r = await run(args, env);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    },
    30_000,
  );
});

import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireInstanceLock, lockPathFor } from '../../../agent/adapters/instance-lock.js';
import { tempDir } from '../../support/temp-dir.js';

describe('one agent per database', () => {
  it("refuses a second holder, takes over a dead one's lock, and sees through symlinks", () => {
    const tmp = tempDir();
    try {
      mkdirSync(join(tmp.dir, 'db'));
      writeFileSync(join(tmp.dir, 'db', 'spokepilot.db'), '');
      symlinkSync(join(tmp.dir, 'db'), join(tmp.dir, 'db2'));
      const direct = lockPathFor(join(tmp.dir, 'db', 'spokepilot.db'));
      expect(lockPathFor(join(tmp.dir, 'db2', 'spokepilot.db'))).toBe(direct);
      const first = acquireInstanceLock(direct);
      // The test runner is alive and a node process: as good as a running agent holding it.
      expect(() => acquireInstanceLock(direct, process.pid + 1_000_000)).toThrow(
        expect.objectContaining({ code: 'AGENT_ALREADY_RUNNING' }),
      );
      first.release();
      writeFileSync(direct, '999999999\n'); // left by a process long gone
      const next = acquireInstanceLock(direct);
      next.release();
    } finally {
      tmp.cleanup();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rotatingLogWriter } from '../../agent/adapters/rotating-log.js';
import { tempDir } from '../support/temp-dir.js';

describe('rotating JSON log (real files)', () => {
  it('caps each file, keeps a bounded number, loses no line of the newest', () => {
    const tmp = tempDir();
    const log = rotatingLogWriter({ dir: tmp.dir, maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 100; i++) log.write(JSON.stringify({ i, pad: 'x'.repeat(40) }) + '\n');
    log.close();
    const files = readdirSync(tmp.dir).sort();
    expect(files).toEqual(['spokepilot.log', 'spokepilot.log.1', 'spokepilot.log.2']);
    for (const f of files) expect(statSync(join(tmp.dir, f)).size).toBeLessThanOrEqual(1000);
    const newest = readFileSync(join(tmp.dir, 'spokepilot.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).i);
    expect(newest.at(-1)).toBe(99);
    const previous = readFileSync(join(tmp.dir, 'spokepilot.log.1'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).i);
    expect(previous.at(-1)! + 1).toBe(newest[0]); // continuous across the rotation
    tmp.cleanup();
  });
});

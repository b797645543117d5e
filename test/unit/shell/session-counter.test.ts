import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileSessionCounter } from '../../../agent/shell/report/publisher-session.js';
import { tempDir } from '../../support/temp-dir.js';

describe('the MQTT session counter file', () => {
  it("persists, never goes below the wall clock's seconds, and survives a directory it cannot write", () => {
    const tmp = tempDir();
    try {
      const now = () => 1_767_225_600_000;
      const c = fileSessionCounter(join(tmp.dir, 'mqtt-session'), undefined, now);
      expect(c.load()).toBe(1_767_225_600); // no file yet (a fresh /data): not 0, or every birth would look stale
      c.save(1_767_225_605);
      expect(c.load()).toBe(1_767_225_605);
      writeFileSync(join(tmp.dir, 'file'), '');
      const errors: string[] = [];
      const stuck = fileSessionCounter(join(tmp.dir, 'file', 'mqtt-session'), (e) => errors.push(e.message), now);
      expect(() => {
        stuck.save(7);
        stuck.save(8);
      }).not.toThrow();
      expect(errors).toHaveLength(1); // told once
      expect(stuck.load()).toBe(1_767_225_600);
    } finally {
      tmp.cleanup();
    }
  });
});

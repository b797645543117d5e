import { afterAll, beforeAll } from 'vitest';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from './temp-dir.js';

export interface LabSpokeSuite {
  readonly spoke: LabSpoke;
  readonly clock: ScaledClock;
  /** A temporary directory for the suite's databases and files. */
  readonly dir: string;
}

/**
 * A lab spoke (user agent/agent, privilege 15) and a temporary directory for
 * the tests of one describe block: started before them, stopped and removed after.
 */
export function labSpokeSuite(o: { prefix: string; seed?: number; speed?: number; config?: string }): LabSpokeSuite {
  const tmp = tempDir(o.prefix);
  let spoke: LabSpoke | undefined;
  let clock: ScaledClock | undefined;
  beforeAll(async () => {
    clock = new ScaledClock(o.speed ?? 1);
    spoke = await startLabSpoke({
      clock,
      seed: o.seed ?? 3,
      ...(o.config ? { config: o.config } : {}),
      users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    });
  });
  afterAll(async () => {
    await spoke?.stop();
    clock?.clearAll();
    tmp.cleanup();
  });
  return {
    get spoke() {
      return spoke!;
    },
    get clock() {
      return clock!;
    },
    dir: tmp.dir,
  };
}

import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../agent/config/load.js';
import { MINIMAL } from './minimal-config.js';

const withClasses = (classes: string, classOperations = '{ voice: [41] }') =>
  MINIMAL.replace('slaOperations: [1] }]', `slaOperations: [1], classOperations: ${classOperations} }]`) +
  `policy:\n  classes: ${classes}\n`;

describe('service-level classes in the configuration', () => {
  it("reads the classes with their defaults and each candidate's class operations", () => {
    const r = loadConfigText(
      withClasses(
        '[{ name: voice, dscp: 46, critical: true, lossPct: 1, rttMs: 150, jitterMs: 30 }, { name: bulk, dscp: 10, lossPct: 5, rttMs: 400, jitterMs: 100 }]',
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.policy.classes).toEqual([
      { name: 'voice', dscp: 46, critical: true, lossPct: 1, rttMs: 150, jitterMs: 30 },
      { name: 'bulk', dscp: 10, critical: false, lossPct: 5, rttMs: 400, jitterMs: 100 },
    ]);
    expect(r.config.policy.classBandPct).toBe(25);
    expect(r.config.candidates[0]!.classOperations).toEqual({ voice: [41] });
  });

  it('names every problem with its path: a fifth class, a bad DSCP, an unknown class, a shared operation', () => {
    const five = Array.from({ length: 5 }, (_, i) => `{ name: c${i}, dscp: ${i}, lossPct: 1, rttMs: 1, jitterMs: 1 }`).join(', ');
    const tooMany = loadConfigText(withClasses(`[${five}]`));
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.issues.map((i) => i.path)).toContain('policy.classes');
    const r = loadConfigText(withClasses('[{ name: voice, dscp: 64, lossPct: 1, rttMs: 150, jitterMs: 30 }]'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('policy.classes[0].dscp');
    const x = loadConfigText(
      withClasses(
        '[{ name: voice, dscp: 46, lossPct: 1, rttMs: 150, jitterMs: 30 }, { name: video, dscp: 46, lossPct: 1, rttMs: 150, jitterMs: 30 }]',
        '{ vioce: [41], voice: [1] }',
      ),
    );
    expect(x.ok).toBe(false);
    if (x.ok) return;
    const at = (p: string) =>
      x.issues
        .filter((i) => i.path === p)
        .map((i) => i.message)
        .join('; ');
    expect(at('candidates[0].classOperations.vioce')).toContain('"vioce" is not one of policy.classes (voice, video)');
    expect(at('candidates[0].classOperations.voice')).toContain('operation 1 is also in slaOperations');
    expect(at('policy.classes')).toContain('DSCP 46 is given to two classes');
  });
});

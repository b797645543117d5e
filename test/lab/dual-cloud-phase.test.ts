import { describe, expect, it } from 'vitest';
import { scenarioPhaseMs } from '../../lab/harness/dual-cloud-run.js';

describe("the dual-cloud bench's scenario phase: where in the probes' 3 s period a fault lands", () => {
  it('seeds 1-10 cover the period evenly, 300 ms apart, seed 1 at none; the next ten again', () => {
    const phases = Array.from({ length: 20 }, (_, i) => scenarioPhaseMs(i + 1));
    expect(phases.slice(0, 10)).toEqual([0, 300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700]);
    expect(phases.slice(10)).toEqual(phases.slice(0, 10));
  });
});

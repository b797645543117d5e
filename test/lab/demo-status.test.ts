/**
 * The demo's live screen (lab/demo/render-status.ts): the scenario's fault
 * stays on screen while the router's own events scroll, and the demo says how
 * fast its clock runs.
 */
import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from '../../agent/core/policy/types.js';
import { policyOf } from '../../agent/shell/decide/policy-config.js';
import { isFaultLine, renderStatus, speedText } from '../../lab/demo/render-status.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';
import { World } from '../../lab/world/world.js';
import { labRouter } from './lab-helpers.js';

const FAULT = '+   30.0s  >> path GigabitEthernet0/0 -> all: latency 350 ms, jitter 80 ms, loss 2%';

describe('the demo screen', () => {
  it('keeps the fault in view after more router events than the pane holds, each line once', () => {
    const { router } = labRouter();
    try {
      const config = labAgentConfig(new World(defaultWorldSpec()), {
        sshPort: 22,
        hostKeySha256: `SHA256:${'A'.repeat(43)}`,
        dbPath: ':memory:',
      });
      const reactions = Array.from({ length: 20 }, (_, i) => `+   ${(31 + i).toFixed(1)}s  track 11 (ip sla 11 reachability) Up -> Down`);
      const screen = renderStatus({
        title: 'demo',
        nowMs: 0,
        startMs: 0,
        router: router.state(),
        policy: policyOf(config),
        state: INITIAL_STATE,
        decisions: [],
        timeline: [FAULT, ...reactions],
      });
      const [, faults, events] = screen.split(/\n\n(?=Faults|Router events)/);
      expect(faults).toBe(`Faults\n  ${FAULT}`);
      expect(events!.split('\n').slice(1)).toEqual(reactions.slice(-8).map((l) => `  ${l}`));
    } finally {
      router.stop();
    }
  });

  it('tells a fault line from the router reacting to it', () => {
    expect(isFaultLine(FAULT)).toBe(true);
    expect(isFaultLine('+   51.1s  configured by agent on vty0')).toBe(false);
    expect(isFaultLine('+  172.3s  track 12 (ip sla 12 reachability) Up -> Down')).toBe(false);
  });

  it('says the speed and what the run costs in real time', () => {
    expect(speedText(10, 240)).toBe('10x real time (240 s of scenario in about 24 s)');
    expect(speedText(20, 175)).toBe('20x real time (175 s of scenario in about 9 s)');
  });
});

/**
 * The agent's layered configuration (lab/baselines/agent-on-ios-tuned.ios):
 * its stubs count only while the router's tcp-connect probe finds the agent's
 * presence port open. Nothing listening: a stub set down changes nothing and
 * the router plays a scenario exactly as ios-tuned. Listening: a stub set
 * down forbids. The listener closing gives the path back after the delay.
 * The lists load as written (`object N not`, lists of lists), and the agent
 * still reads ios-tuned's tracks as the router's own judgement.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { routerJudgement } from '../../agent/core/router-judgement.js';
import { baselineConfig } from '../../lab/harness/arms.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { runScenarioNow } from '../../lab/scenario/runner.js';
import { DEFAULT_SERVICE_LEVEL } from '../../lab/scenario/schema.js';
import { ManualClock } from '../../lab/world/clock.js';
import { exec, seconds } from './lab-helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const APP = '192.168.5.2';
const PRESENCE_PORT = 7779;
const FIBRE = 'GigabitEthernet0/0';
const LTE = 'Cellular0/1/0';
const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';

const agentConfig = () => baselineConfig('agent-on-ios-tuned.ios', DEFAULT_SERVICE_LEVEL);

function agentRouter(listening: boolean): { router: LabRouter; clock: ManualClock } {
  const clock = new ManualClock();
  const router = createLabRouter({ clock, seed: 1, config: agentConfig() });
  router.world.setTcpListener(APP, PRESENCE_PORT, listening);
  router.start();
  // Past a first probe and track 190's `delay up 5`.
  seconds(clock, 12);
  return { router, clock };
}

const path = (r: LabRouter) => {
  const c = r.state().clients.find((x) => x.phase === 'connected');
  return { peer: c?.peer, source: c?.source };
};
const setStub = (r: LabRouter, id: number, state: 'up' | 'down') => r.configure(`track ${id} stub-object\n default-state ${state}`);
const track = (r: LabRouter, id: number) => r.model.rt.tracks.get(id)?.state;

describe('the layered configuration loads as written', () => {
  it('keeps `object 190 not` and the lists of lists, and shows the inverted member', () => {
    const { router } = agentRouter(false);
    const text = renderRunningConfig(router.model);
    expect(text).toContain('track 121 list boolean or\n object 101\n object 190 not\n');
    expect(text).toContain('track 191 list boolean and\n object 91\n object 121\n');
    expect(text).toContain('track 190 ip sla 190 reachability\n delay up 5 down 10\n');
    expect(text).toContain(`ip sla 190\n tcp-connect ${APP} ${PRESENCE_PORT} control disable\n`);
    expect(exec(router, 'show track 121')).toContain('    object 190 not Down');
  });

  it("the agent reads ios-tuned's tracks (91, 92, 81, 82) as the router's judgement, not the presence gate", () => {
    const { router } = agentRouter(false);
    const j = routerJudgement(
      {
        client: 'SPOKE',
        peers: [
          { address: HUB1, stubTrack: 101 },
          { address: HUB2, stubTrack: 102 },
        ],
        sources: [
          { interface: FIBRE, stubTrack: 111 },
          { interface: LTE, stubTrack: 112 },
        ],
      },
      renderRunningConfig(router.model),
    );
    expect([...j.peers, ...j.sources].map((x) => x.terms)).toEqual([91, 92, 81, 82].map((track) => [{ track, negated: false }]));
  });
});

interface GateCase {
  name: string;
  listening: boolean;
  stub: number;
  /** Where the tunnel is 10 s after the stub went down. */
  expected: { peer: string; source: string };
}

describe('a stub counts only while the agent is present', () => {
  const CASES: GateCase[] = [
    { name: "absent: the fibre's stub down changes nothing", listening: false, stub: 111, expected: { peer: HUB1, source: FIBRE } },
    { name: "absent: hub 1's stub down changes nothing", listening: false, stub: 101, expected: { peer: HUB1, source: FIBRE } },
    { name: "present: the fibre's stub down moves the tunnel to LTE", listening: true, stub: 111, expected: { peer: HUB1, source: LTE } },
    { name: "present: hub 1's stub down moves the tunnel to hub 2", listening: true, stub: 101, expected: { peer: HUB2, source: FIBRE } },
  ];

  it.each(CASES)('$name', ({ listening, stub, expected }) => {
    const { router, clock } = agentRouter(listening);
    expect(track(router, 190)).toBe(listening ? 'up' : 'down');
    expect(path(router)).toEqual({ peer: HUB1, source: FIBRE });
    setStub(router, stub, 'down');
    seconds(clock, 10);
    expect(path(router)).toEqual(expected);
  });

  it('the listener closing gives the fibre back once track 190 has been down for its delay, not before', () => {
    const { router, clock } = agentRouter(true);
    setStub(router, 111, 'down');
    seconds(clock, 10);
    expect(path(router).source).toBe(LTE);
    router.world.setTcpListener(APP, PRESENCE_PORT, false);
    // `delay down 10`: one refused probe and the next are not enough to count the agent gone.
    seconds(clock, 9);
    expect([track(router, 190), track(router, 201), path(router).source]).toEqual(['up', 'down', LTE]);
    let back = 9;
    while (path(router).source !== FIBRE && back < 60) {
      seconds(clock, 1);
      back++;
    }
    expect(track(router, 190)).toBe('down');
    expect(track(router, 201)).toBe('up');
    // Next probe within 5 s, its result 1 s later, then the 10 s delay (and the pivot's own time).
    expect(back).toBeGreaterThanOrEqual(11);
    expect(back).toBeLessThanOrEqual(20);
  });

  it('the agent back: its forbid counts again after a confirming probe', () => {
    const { router, clock } = agentRouter(false);
    setStub(router, 111, 'down');
    seconds(clock, 10);
    expect(path(router).source).toBe(FIBRE);
    router.world.setTcpListener(APP, PRESENCE_PORT, true);
    seconds(clock, 14);
    expect(track(router, 190)).toBe('up');
    expect(path(router).source).toBe(LTE);
  });
});

describe('with the agent absent the router is ios-tuned', () => {
  // Tracks only the layered configuration has: the stubs, the gate and the lists on them.
  const LAYERED = /track (1\d\d|2\d\d) /;
  const pathLines = (lines: string[]) => lines.filter((l) => !LAYERED.test(l));

  it.each(['primary-wan-loss', 'hub1-dies', 'flapping-wan', 'agent-killed-mid-fault', 'management-refused-mid-fault'])(
    '%s: the same timeline, tunnel and tracks, as ios-tuned for the same seed',
    async (name) => {
      const scenario = await loadScenario(`${SCENARIOS}${name}.yaml`);
      const tuned = runScenarioNow(scenario, { config: baselineConfig('ios-tuned.ios', DEFAULT_SERVICE_LEVEL) });
      const agent = runScenarioNow(scenario, { config: agentConfig() });
      expect(pathLines(agent.lines)).toEqual(pathLines(tuned.lines));
      expect(agent.lines.some((l) => /track 191 /.test(l))).toBe(tuned.lines.some((l) => /track 91 /.test(l)));
    },
  );
});

/** Each shipped scenario, IOS alone: the native outcome, deterministic for a seed. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkNames } from '../../lab/scenario/actions.js';
import { loadScenario, parseScenarioText } from '../../lab/scenario/load.js';
import { runScenarioNow } from '../../lab/scenario/runner.js';
import { ScenarioError } from '../../lab/scenario/validate.js';
import { World } from '../../lab/world/world.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';

const DIR = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('shipped scenarios', () => {
  it('include the seven the issue asks for', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'primary-wan-loss.yaml',
        'hub1-dies.yaml',
        'hub1-returns.yaml',
        'flapping-wan.yaml',
        'brownout.yaml',
        'both-wans-down.yaml',
        'route-injection.yaml',
      ]),
    );
  });

  it.each(FILES)('%s reaches its IOS-native outcome', async (file) => {
    const run = runScenarioNow(await loadScenario(`${DIR}${file}`));
    expect(run.unmet).toEqual([]);
  });

  it.each(FILES)('%s is deterministic for a seed', async (file) => {
    const s = await loadScenario(`${DIR}${file}`);
    expect(runScenarioNow(s).lines).toEqual(runScenarioNow(s).lines);
  });

  it('hub1-dies: the SA to hub 1 lingers until DPD gives up, then peer 2 is chosen', async () => {
    const run = runScenarioNow(await loadScenario(`${DIR}hub1-dies.yaml`));
    const at = (text: string) => {
      const line = run.lines.find((l) => l.includes(text));
      expect(line, text).toBeDefined();
      return Number(/\+\s*([\d.]+)s/.exec(line!)![1]);
    };
    const died = at('hub hub1 dies');
    const saDown = at('IKEv2 SA to 198.51.100.1 DOWN (DPD: peer not responding)');
    const misses = run.lines.filter((l) => l.includes('DPD: 198.51.100.1 did not answer')).length;
    expect(misses).toBe(6); // the first miss and 5 retransmissions
    expect(saDown - died).toBeGreaterThan(10); // at least 5 retransmissions 2 s apart
    expect(saDown - died).toBeLessThanOrEqual(20); // at most the 10 s interval plus those
    expect(at('peer 2 203.0.113.1 active')).toBeGreaterThanOrEqual(saDown);
    expect(run.outcome.clients[0]).toMatchObject({ peer: '203.0.113.1', peerSeq: 2 });
  });

  it('a different seed changes the measurements, not the outcome', async () => {
    const s = await loadScenario(`${DIR}brownout.yaml`);
    const a = runScenarioNow(s, { seed: 11 });
    const b = runScenarioNow(s, { seed: 12 });
    expect(a.unmet).toEqual([]);
    expect(b.unmet).toEqual([]);
  });
});

describe('an action at T takes effect at T', () => {
  const at = (lines: string[], text: string): number => Number(/\+\s*([\d.]+)s/.exec(lines.find((l) => l.includes(text)) ?? 'none')?.[1]);

  it('flap-wan goes down at its start time and every period after, on the router step of that second', () => {
    const s = parseScenarioText(
      'name: f\nduration: 60s\nactions:\n  - at: 30s\n    flap-wan: { wan: GigabitEthernet0/0, period: 10s, count: 2 }\n',
    );
    const changes = runScenarioNow(s)
      .lines.map((l) => /\+\s*([\d.]+)s {2}interface GigabitEthernet0\/0 (up|down)$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]}`);
    expect(changes).toEqual(['30.0 down', '35.0 up', '40.0 down', '45.0 up']);
  });

  it('holds when the router was already ticking before the scenario was scheduled (as spokepilot lab does)', async () => {
    const { createLabRouter } = await import('../../lab/router/index.js');
    const { playScenario } = await import('../../lab/scenario/runner.js');
    const { ManualClock } = await import('../../lab/world/clock.js');
    const clock = new ManualClock();
    const router = createLabRouter({ clock, seed: 1 });
    router.start();
    const s = parseScenarioText(
      'name: c\nduration: 5s\nactions:\n  - at: 1s\n    cut-wan: Cellular0/1/0\n  - at: 2s\n    flap-wan: { wan: GigabitEthernet0/0, period: 2s, count: 1 }\n',
    );
    const done = playScenario(router, clock, s).done;
    clock.advance(5000);
    const run = await done;
    router.stop();
    expect(at(run.lines, 'interface Cellular0/1/0 down')).toBe(1);
    expect(at(run.lines, 'interface GigabitEthernet0/0 down')).toBe(2);
    expect(at(run.lines, 'interface GigabitEthernet0/0 up')).toBe(3);
  });
});

describe('scenario validation names each problem', () => {
  const bad = (yaml: string): string[] => {
    try {
      parseScenarioText(yaml, 'bad.yaml');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      return (err as ScenarioError).problems;
    }
    throw new Error('accepted');
  };

  it('reports unknown actions, bad times, late actions, bad prefixes and unknown keys together', () => {
    const problems = bad(`
name: x
duration: 60s
colour: blue
actions:
  - at: 3x
    kill-hub: hub1
  - at: 10s
    kil-hub: hub1
  - at: 90s
    cut-wan: GigabitEthernet0/0
  - at: 5
    inject-route: { hub: hub1, prefix: 10.0.0.0/33 }
  - at: 5
    set-path: { wan: GigabitEthernet0/0, loss: 150 }
`);
    expect(problems).toEqual([
      'unknown key "colour"',
      'actions[0].at: bad time "3x"',
      expect.stringMatching(/^actions\[1\]: unknown action "kil-hub" \(known: set-path, /),
      "actions[2].at: 90s is after the scenario's end (60s)",
      'actions[3].inject-route: needs hub and prefix (IPv4 CIDR)',
      'actions[4].set-path.loss: a number from 0 to 100',
    ]);
  });

  it('rejects YAML that does not parse and a missing duration', () => {
    expect(bad('name: [unclosed')).toEqual([expect.stringMatching(/^not valid YAML/)]);
    expect(bad('name: x\nactions: []')).toEqual(['duration: bad time undefined (use 90, 90s, 2m, 1m30s)']);
  });

  it('checks WAN and hub names against the world before running', () => {
    const s = parseScenarioText('name: x\nduration: 1m\nactions:\n  - at: 1s\n    kill-hub: hub7\n  - at: 2s\n    cut-wan: Dialer1\n');
    expect(() => checkNames(s, new World(defaultWorldSpec()))).toThrow(/unknown hub "hub7".*\n.*unknown WAN "Dialer1"/);
  });

  it('accepts 1m30s, 90 and 2m as times', () => {
    const s = parseScenarioText(
      'name: x\nduration: 2m\nactions:\n  - at: 1m30s\n    drop-sessions: true\n  - at: 90\n    revive-hub: hub1\n',
    );
    expect(s.actions.map((a) => a.atSec)).toEqual([90, 90]);
    expect(s.durationSec).toBe(120);
  });
});

describe('playback on a scaled real-time clock', () => {
  it('plays hub1-dies at speed 400 and prints lines as they happen', async () => {
    const { ScaledClock } = await import('../../lab/world/clock.js');
    const { createLabRouter } = await import('../../lab/router/index.js');
    const { playScenario } = await import('../../lab/scenario/runner.js');
    const scenario = await loadScenario(`${DIR}hub1-dies.yaml`);
    const clock = new ScaledClock(400);
    const router = createLabRouter({ clock, seed: scenario.seed ?? 1 });
    const live: string[] = [];
    const run = await playScenario(router, clock, scenario, { onLine: (l) => live.push(l) }).done;
    router.stop();
    clock.clearAll();
    expect(run.unmet).toEqual([]);
    expect(live).toEqual(run.lines);
  });
});

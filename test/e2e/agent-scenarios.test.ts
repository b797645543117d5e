/**
 * The agent against the lab over real SSH, at a scaled clock, one test per
 * shipped scenario; IOS alone is played the same way for the comparisons.
 * Figures come from the lab's ground truth (lab/harness/path-meter.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runFailover, type FailoverMode, type FailoverResult } from '../../lab/harness/failover-run.js';
import { loadScenario, parseScenarioText } from '../../lab/scenario/load.js';
import { tempDir } from '../support/temp-dir.js';
import { join } from 'node:path';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../agent/adapters/sqlite/journal.js';
import type { RouteViolation } from '../../agent/core/route-expectations.js';
import type { Scenario } from '../../lab/scenario/schema.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
/** The agent reads over SSH, so its runs keep lab seconds long enough for round trips; IOS alone can run flat out. */
const SPEED: Record<FailoverMode, number> = { agent: 20, ios: 100 };
const work = tempDir('spokepilot-e2e-');
afterAll(() => work.cleanup());

async function play(scenario: string | Scenario, mode: FailoverMode): Promise<FailoverResult> {
  const s = typeof scenario === 'string' ? await loadScenario(`${SCENARIOS}${scenario}.yaml`) : scenario;
  return runFailover({ scenario: s, mode, speed: SPEED[mode], workDir: work.dir });
}

/** Scenario second at which a timeline line matching `re` first appears. */
function when(r: FailoverResult, re: RegExp): number | undefined {
  const line = r.run.lines.find((l) => re.test(l));
  return line ? Number(/\+\s*([\d.]+)s/.exec(line)![1]) : undefined;
}

describe('agent vs IOS alone, per scenario (lab over real SSH)', () => {
  it('primary-wan-loss: leaves the lossy fibre, and returns only after it has been clean for the preemption delay', async () => {
    const agent = await play('primary-wan-loss', 'agent');
    const leave = agent.decisions.find((d) => d.action === 'switch' && d.from?.startsWith('fibre'));
    expect(leave, 'a switch away from the fibre').toBeDefined();
    const back = agent.decisions.find((d) => d.action === 'switch' && d.to?.startsWith('fibre') && d.reason.code === 'preempt');
    expect(back, 'a preemption back to the fibre').toBeDefined();
    const cleanAt = when(agent, /loss 0%/)!;
    const start = agent.run.outcome.at - 300_000;
    expect((back!.atMs - start) / 1000).toBeGreaterThanOrEqual(cleanAt + 60);
    expect(agent.run.outcome.clients[0]).toMatchObject({ phase: 'connected', source: 'GigabitEthernet0/0' });
    // With 30 % loss both sides act on random probe losses, so only the time spent degraded
    // is compared (the bench reports time to a working path for both).
    const ios = await play('primary-wan-loss', 'ios');
    expect(agent.degradedSec).toBeLessThan(ios.degradedSec);
  }, 120_000);

  it('hub1-dies: chooses the backup peer and clears the stale SA, sooner than IOS alone waits for DPD', async () => {
    const agent = await play('hub1-dies', 'agent');
    const ios = await play('hub1-dies', 'ios');
    expect(agent.run.outcome.clients[0]).toMatchObject({ phase: 'connected', peer: '203.0.113.1' });
    expect(agent.decisions.find((d) => d.action === 'switch')?.reason).toMatchObject({ code: 'current-bad', candidate: 'fibre-hub1' });
    expect(agent.run.outcome.sas.map((s) => s.peer)).toEqual(['203.0.113.1']); // nothing left towards the dead hub
    expect(when(agent, /DOWN \(DPD/)).toBeUndefined(); // the agent moved before DPD gave up
    expect(when(ios, /DOWN \(DPD/)).toBeDefined();
    expect(agent.timeToWorkingPathSec ?? Infinity).toBeLessThan(ios.timeToWorkingPathSec ?? Infinity);
  }, 60_000);

  it('flapping-wan: ten minutes of flaps, at most a fifth of the path changes IOS alone makes', async () => {
    const agent = await play('flapping-wan', 'agent');
    const ios = await play('flapping-wan', 'ios');
    // 36 changes on the bench's manual clock; on a scaled clock a loaded host runs some flaps together (8 seen at load 9).
    expect(ios.pathChanges).toBeGreaterThanOrEqual(6);
    expect(agent.pathChanges).toBeLessThanOrEqual(ios.pathChanges / 5);
    expect(agent.degradedSec).toBeLessThan(ios.degradedSec);
  }, 180_000);

  it('brownout: pivots on quality, where IOS alone never does', async () => {
    const agent = await play('brownout', 'agent');
    const ios = await play('brownout', 'ios');
    expect(ios.pathChanges).toBe(0);
    const pivot = agent.decisions.find((d) => d.action === 'switch');
    expect(pivot?.reason).toMatchObject({ code: 'current-bad', cause: { kind: 'quality' } });
    expect(agent.run.outcome.clients[0]).toMatchObject({ source: 'Cellular0/1/0' });
    expect(agent.timeToWorkingPathSec ?? Infinity).toBeLessThan(ios.timeToWorkingPathSec ?? Infinity);
    expect(agent.degradedSec).toBeLessThan(ios.degradedSec);
  }, 60_000);

  it('both-wans-down: no oscillation while isolated, clean recovery', async () => {
    const agent = await play('both-wans-down', 'agent');
    const switches = agent.decisions.filter((d) => d.action === 'switch' && !d.deferredUntilMs);
    expect(switches.length).toBeLessThanOrEqual(1);
    expect(agent.decisions.filter((d) => d.action === 'release').length).toBeLessThanOrEqual(1);
    expect(agent.run.outcome.clients[0]).toMatchObject({ phase: 'connected', peer: '198.51.100.1', source: 'GigabitEthernet0/0' });
    expect(agent.neverRecovered).toBe(false);
  }, 60_000);
});

describe('agent resilience (lab over real SSH)', () => {
  it('an SSH session dropped mid-pivot leaves nothing half-applied, and the agent recovers', async () => {
    // The brownout makes the agent pivot around 40 s; the router drops every SSH session every second meanwhile.
    const scenario = parseScenarioText(
      [
        'name: ssh-drops-mid-pivot',
        'duration: 120s',
        'seed: 1',
        'actions:',
        '  - at: 30s',
        "    set-path: { wan: GigabitEthernet0/0, to: '*', latency: 350, jitter: 120, loss: 2 }",
        ...Array.from({ length: 40 }, (_, i) => [`  - at: ${32 + i}s`, '    drop-sessions: {}']).flat(),
      ].join('\n'),
    );
    const agent = await runFailover({ scenario, mode: 'agent', speed: SPEED.agent, workDir: work.dir });
    const end = agent.run.outcome;
    expect(end.clients[0]).toMatchObject({ phase: 'connected', source: 'Cellular0/1/0' });
    // Stub tracks as one complete plan for where the tunnel is: fibre forbidden, LTE and both hubs allowed.
    expect([end.tracks[101], end.tracks[102], end.tracks[111], end.tracks[112]]).toEqual(['up', 'up', 'down', 'up']);
    expect(agent.decisions.filter((d) => d.action === 'switch').at(-1)?.to).toBe('lte-hub1');
  }, 60_000);
});

describe('route expectations on the running agent', () => {
  it('route-injection: the rogue 8.8.8.0/24 becomes a route-violation in the journal; the pushed summary does not', async () => {
    // Played longer than the scenario file, so a route read (every 30 s) surely follows the injection at 60 s.
    const scenario = { ...(await loadScenario(`${SCENARIOS}route-injection.yaml`)), durationSec: 130 };
    await play(scenario, 'agent');
    const db = openDatabase(join(work.dir, 'route-injection-agent.db'), { readonly: true });
    try {
      const rows = new SqliteJournal(db, { maxAgeMs: Number.MAX_SAFE_INTEGER, maxRows: Number.MAX_SAFE_INTEGER }).query({
        kinds: ['route-expectation'],
      });
      const last = rows.at(-1)!.data as { violations: RouteViolation[]; total: number };
      expect(last.violations.map((v) => `${v.kind} ${v.prefix}`)).toEqual(['unexpected 8.8.8.0/24']);
      expect(last.total).toBe(1);
      // Before the injection the table met every expectation.
      expect((rows[0]!.data as { total: number }).total).toBe(0);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('decisions never depend on the store', () => {
  it('with a database that cannot be opened, the agent still leaves a dead hub', async () => {
    // /dev/null is not a directory: the store cannot open, the agent runs on without it.
    const scenario = await loadScenario(`${SCENARIOS}hub1-dies.yaml`);
    const agent = await runFailover({ scenario, mode: 'agent', speed: SPEED.agent, workDir: '/dev/null' });
    expect(agent.decisions.find((d) => d.action === 'switch')?.reason).toMatchObject({ code: 'current-bad', candidate: 'fibre-hub1' });
    expect(agent.run.outcome.clients[0]).toMatchObject({ phase: 'connected', peer: '203.0.113.1' });
  }, 60_000);
});

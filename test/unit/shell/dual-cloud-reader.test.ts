import { describe, expect, it } from 'vitest';
import type { DualCloudConfig } from '../../../agent/core/dual-cloud/config.js';
import type { AgentConfig } from '../../../agent/config/types.js';
import { DualCloudReader } from '../../../agent/shell/observe/dual-cloud-reader.js';
import { urgentReadsOf } from '../../../agent/shell/topology/path-design-for.js';
import { DC as FIXTURE, H1 } from '../core/dual-cloud/fixture.js';

/** Hub 1 names track 141; `trust` as given. */
const config = (trust: boolean): DualCloudConfig => ({
  ...FIXTURE,
  hubs: [{ ...FIXTURE.hubs[0]!, qualityTrack: 141, ...(trust ? { qualityTrackDown: 'trust' as const } : {}) }, FIXTURE.hubs[1]!],
});

/** A reader over scripted `show track brief` rows, recording what it observes and calls, in order. */
function reader(trust: boolean) {
  const calls: string[] = [];
  let state: 'up' | 'down' = 'up';
  const r = new DualCloudReader({
    dualCloud: config(trust),
    parse: (async (id: string) => {
      calls.push(id);
      return id === 'show track brief' ? [{ id: 141, state }] : [];
    }) as never,
    observe: (obs) => calls.push(...obs.map((o) => `observe ${JSON.stringify(o)}`)),
    confirm: async () => void calls.push('confirm'),
    steered: async () => void calls.push('steered'),
    onShortcut: () => undefined,
    onShortcutViolations: () => undefined,
  });
  return { r, calls, set: (s: 'up' | 'down') => (state = s) };
}

describe("DualCloudReader.readHubTracks: a hub's track gone Down", () => {
  it('observed, then the probes read again for the agent to confirm it, then the steer awaited; once per change', async () => {
    const { r, calls, set } = reader(false);
    await r.readHubTracks();
    expect(calls).toEqual(['show track brief', 'observe {"kind":"hub-tracks","down":[]}', 'steered']);
    calls.length = 0;
    set('down');
    await r.readHubTracks();
    expect(calls).toEqual([
      'show track brief',
      `observe {"kind":"hub-tracks","down":[{"peer":"${H1}","track":141}]}`,
      'confirm',
      'steered',
    ]);
    calls.length = 0;
    // Still Down: nothing new to observe or confirm (the probes' own reads keep checking it).
    await r.readHubTracks();
    expect(calls).toEqual(['show track brief']);
    calls.length = 0;
    // Back Up: observed, nothing to confirm.
    set('up');
    await r.readHubTracks();
    expect(calls).toEqual(['show track brief', 'observe {"kind":"hub-tracks","down":[]}', 'steered']);
  });

  it('a trusted track is acted on without reading the probes again', async () => {
    const { r, calls, set } = reader(true);
    set('down');
    await r.readHubTracks();
    expect(calls).toEqual([
      'show track brief',
      `observe {"kind":"hub-tracks","down":[{"peer":"${H1}","track":141,"trusted":true}]}`,
      'steered',
    ]);
  });

  it('a read a track line woke, which read the probes just before, does not read them again', async () => {
    const { r, calls, set } = reader(false);
    set('down');
    await r.readHubTracks({ probesJustRead: true });
    expect(calls).toEqual(['show track brief', `observe {"kind":"hub-tracks","down":[{"peer":"${H1}","track":141}]}`, 'steered']);
  });
});

describe('urgentReadsOf: the reads that go before the others waiting for the vty', () => {
  const agent = (dualCloud: DualCloudConfig) => ({ topology: 'dual-cloud', dualCloud }) as unknown as AgentConfig;
  it.each([
    {
      what: 'tracks confirmed by the probes: the probes first, then the tracks',
      trust: false,
      reads: ['show ip sla statistics', 'show track brief'],
    },
    { what: 'tracks trusted: the tracks alone', trust: true, reads: ['show track brief'] },
  ])('$what', ({ trust, reads }) => {
    expect(urgentReadsOf(agent(config(trust)))).toEqual(reads);
  });
  it('no track named, or the failover design: none', () => {
    expect(urgentReadsOf(agent(FIXTURE))).toEqual([]);
    expect(urgentReadsOf({ topology: 'failover' } as unknown as AgentConfig)).toEqual([]);
  });
});

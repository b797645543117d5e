/**
 * The lab's jitter operations as the agent reads them: `show ip sla
 * statistics` and `show ip sla summary` parse with zero warnings and the
 * records carry what the model holds (RTT, loss by direction, jitter).
 */
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { IpSlaStatistics, IpSlaSummary } from '../../proto/records/health.js';
import { spreadAvg } from '../../lab/router/dynamics/ip-sla-jitter.js';
import type { LabRouter } from '../../lab/router/index.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

function parsed<T>(router: LabRouter, command: string): T[] {
  const out = parseCommandOutput(command, exec(router, command));
  expect(out.warnings, `${command}:\n${exec(router, command)}`).toEqual([]);
  return out.records as T[];
}

const CONFIG = [
  'ip sla 31',
  ' udp-jitter 198.51.100.1 5000 source-ip 192.0.2.10',
  ' threshold 250',
  ' timeout 1000',
  ' frequency 10',
  'ip sla schedule 31 life forever start-time now',
  'ip sla 32',
  ' icmp-jitter 198.51.100.2 num-packets 30',
  ' timeout 1000',
  ' frequency 10',
  'ip sla schedule 32 life forever start-time now',
  'ip sla 33',
  ' udp-jitter 198.51.100.1 6000',
  ' frequency 10',
].join('\n');

const STATES: Array<[string, (r: LabRouter) => void]> = [
  ['calm', () => undefined],
  [
    'lossy and jittery',
    (r) => {
      r.world.setPath('GigabitEthernet0/0', '*', { lossPct: 20, jitterMs: 30 });
    },
  ],
  [
    'slow: over threshold',
    (r) => {
      r.world.setPath('GigabitEthernet0/0', '*', { latencyMs: 400 });
    },
  ],
  [
    'dead: timeout',
    (r) => {
      r.world.setPath('GigabitEthernet0/0', '*', { lossPct: 100 });
    },
  ],
];

describe.each(STATES)('jitter operations render and parse: %s', (_name, setup) => {
  const { router, clock } = labRouter();
  router.configure(CONFIG);
  setup(router);
  seconds(clock, 12);

  it('show ip sla statistics: jitter blocks without warnings, records equal to the model', () => {
    for (const command of [
      'show ip sla statistics',
      'show ip sla statistics details',
      'show ip sla statistics 31',
      'show ip sla statistics 32 details',
    ])
      parsed(router, command);
    const records = parsed<IpSlaStatistics>(router, 'show ip sla statistics');
    for (const [id, type] of [
      [31, 'udp-jitter'],
      [32, 'icmp-jitter'],
    ] as const) {
      const rt = router.model.rt.slas.get(id)!;
      const j = rt.jitter!;
      const rec = records.find((r) => r.operationId === id)!;
      expect(rec).toMatchObject({ type, successes: rt.successes, failures: rt.failures, rttSamples: j.rtt.count });
      expect(rec.rttMs).toBe(rt.rttMs);
      expect(rec.rtt).toEqual({ minMs: Math.round(j.rtt.min), avgMs: spreadAvg(j.rtt), maxMs: Math.round(j.rtt.max) });
      expect(rec.jitterSourceToDestination).toEqual({
        minMs: Math.round(j.jitterSd.min),
        avgMs: spreadAvg(j.jitterSd),
        maxMs: Math.round(j.jitterSd.max),
      });
      expect(rec.jitterDestinationToSource?.avgMs).toBe(spreadAvg(j.jitterDs));
      expect([rec.jitterSdSamples, rec.jitterDsSamples]).toEqual([j.jitterSd.count, j.jitterDs.count]);
      if (type === 'udp-jitter') expect([rec.lossSourceToDestination, rec.lossDestinationToSource]).toEqual([j.lossSd, j.lossDs]);
      else expect(rec.packetLossUnknownDirection).toBe(j.lossSd + j.lossDs);
    }
    expect(records.find((r) => r.operationId === 33)).toEqual({
      operationId: 33,
      type: 'udp-jitter',
      successes: 0,
      failures: 0,
      operationTimeToLiveSec: 0,
    });
  });

  it('show ip sla summary lists both jitter types', () => {
    const summary = parsed<IpSlaSummary>(router, 'show ip sla summary');
    expect(summary.filter((s) => s.operationId > 30).map((s) => [s.operationId, s.type, s.state])).toEqual([
      [31, 'udp-jitter', 'active'],
      [32, 'icmp-jitter', 'active'],
      [33, 'udp-jitter', 'pending'],
    ]);
  });
});

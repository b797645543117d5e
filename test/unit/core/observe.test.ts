import { describe, expect, it } from 'vitest';
import { runPackets, slaReadIntervalMs, slaSamples } from '../../../agent/core/observe/sla.js';
import { flexvpnObservation, interfaceObservations } from '../../../agent/core/observe/router-state.js';
import type { IpSlaStatistics, IpInterfaceBrief } from '../../../proto/records/health.js';
import type { FlexVpnClient } from '../../../proto/records/crypto.js';

const sla = (
  operationId: number,
  successes: number,
  failures: number,
  rttMs?: number,
  returnCode: IpSlaStatistics['returnCode'] = 'ok',
): IpSlaStatistics => ({ operationId, successes, failures, returnCode, ...(rttMs !== undefined ? { rttMs } : {}) });

describe('SLA reads to probe samples', () => {
  it('takes the first read as a baseline, then reports only new probes', () => {
    let r = slaSamples({}, [sla(11, 10, 0, 20)]);
    expect(r.observation).toBeUndefined();
    r = slaSamples(r.cursors, [sla(11, 10, 0, 20)]);
    expect(r.observation).toBeUndefined(); // a re-read of the same probe
    r = slaSamples(r.cursors, [sla(11, 11, 0, 25)]);
    expect(r.observation).toEqual({ kind: 'sla-samples', samples: [{ operation: 11, answered: true, rttMs: 25 }] });
  });

  it('counts every probe a slow poll missed, the latest outcome last', () => {
    const base = slaSamples({}, [sla(11, 10, 0, 20)]).cursors;
    const r = slaSamples(base, [sla(11, 12, 2, undefined, 'timeout')]);
    expect(r.observation).toEqual({
      kind: 'sla-samples',
      samples: [
        { operation: 11, answered: true },
        { operation: 11, answered: true },
        { operation: 11, answered: false },
        { operation: 11, answered: false },
      ],
    });
  });

  it('gives the latest RTT to the latest probe only: one measurement is not weighed as several', () => {
    const base = slaSamples({}, [sla(31, 10, 0, 20)]).cursors;
    const r = slaSamples(base, [sla(31, 13, 1, 299)]);
    expect(r.observation).toEqual({
      kind: 'sla-samples',
      samples: [
        { operation: 31, answered: false },
        { operation: 31, answered: true },
        { operation: 31, answered: true },
        { operation: 31, answered: true, rttMs: 299 },
      ],
    });
  });

  it('restarts the count when the operation was reset, crediting only the latest probe', () => {
    const base = slaSamples({}, [sla(11, 500, 3, 20)]).cursors;
    const r = slaSamples(base, [sla(11, 1, 0, 30)]);
    expect(r.observation).toEqual({ kind: 'sla-samples', samples: [{ operation: 11, answered: true, rttMs: 30 }] });
    // A garbled read (digits lost) looks like a reset: it must not become a burst of lost probes.
    const garbled = slaSamples(slaSamples({}, [sla(11, 900, 40, 20)]).cursors, [sla(11, 90, 9, undefined, 'timeout')]);
    expect(garbled.observation).toEqual({ kind: 'sla-samples', samples: [{ operation: 11, answered: false }] });
  });
});

describe('how often the statistics are read: twice per probe period, at most once a second', () => {
  it.each([
    [1, 1000],
    [2, 1000],
    [3, 1500],
    [10, 5000],
    [60, 30_000],
  ])('probes every %i s: read every %i ms', (probeSec, readMs) => {
    expect(slaReadIntervalMs(probeSec)).toBe(readMs);
  });
});

describe('jitter operations: a run weighs as its packets', () => {
  // The icmp-jitter capture of test/unit/parsers/health-ip-sla.test.ts: 9 RTTs, 1 packet lost, 7 + 7 jitter samples.
  const icmpJitter: IpSlaStatistics = {
    operationId: 5,
    type: 'icmp-jitter',
    rttMs: 17,
    returnCode: 'ok',
    successes: 2,
    failures: 0,
    rttSamples: 9,
    jitterSdSamples: 7,
    jitterDsSamples: 7,
    jitterSourceToDestination: { minMs: 0, avgMs: 9, maxMs: 17 },
    jitterDestinationToSource: { minMs: 0, avgMs: 12, maxMs: 19 },
    packetLateArrival: 0,
    packetLossUnknownDirection: 1,
  };

  it("counts sent and lost packets and IP SLA's jitterAvg (both directions' samples)", () => {
    expect(runPackets(icmpJitter)).toEqual({ sent: 10, lost: 1, jitterMs: 10.5 });
    // udp-jitter knows the direction; a late packet is no use to a user either.
    expect(
      runPackets({
        ...icmpJitter,
        type: 'udp-jitter',
        packetLossUnknownDirection: undefined,
        rttSamples: 95,
        lossSourceToDestination: 2,
        lossDestinationToSource: 1,
        packetLateArrival: 2,
      }),
    ).toMatchObject({ sent: 100, lost: 5 });
    // A run that got nothing back still says how many it lost.
    expect(runPackets({ ...icmpJitter, rttSamples: 0, packetLossUnknownDirection: 10, jitterSdSamples: 0, jitterDsSamples: 0 })).toEqual({
      sent: 10,
      lost: 10,
    });
    // A single-probe operation has no packet counts.
    expect(runPackets(sla(11, 10, 0, 20))).toBeUndefined();
  });

  it('gives the packets to the latest run only (the only one IOS shows)', () => {
    const base = slaSamples({}, [icmpJitter]).cursors;
    const r = slaSamples(base, [{ ...icmpJitter, successes: 4 }]);
    expect(r.observation).toEqual({
      kind: 'sla-samples',
      samples: [
        { operation: 5, answered: true },
        { operation: 5, answered: true, rttMs: 17, packets: { sent: 10, lost: 1, jitterMs: 10.5 } },
      ],
    });
  });
});

describe('FlexVPN client and interfaces to observations', () => {
  const client = (profile: string, peer: string, source: string, backupGroup?: number): FlexVpnClient => ({
    profile,
    currentState: 'active',
    currentStateRaw: 'ACTIVE',
    peer,
    sourceInterface: source,
    ...(backupGroup ? { backupGroup } : {}),
  });

  it('reports our active path and the peers held by our backup group, only on change', () => {
    const clients = [
      client('FLEX', '192.0.2.1', 'GigabitEthernet0/0', 1),
      client('FLEX2', '192.0.2.2', 'Cellular0/1/0', 1),
      client('OTHER', '192.0.2.3', 'Cellular0/1/0', 2),
    ];
    const first = flexvpnObservation(undefined, clients, 'FLEX');
    expect(first.observation).toEqual({
      kind: 'flexvpn',
      activePeer: '192.0.2.1',
      activeSource: 'GigabitEthernet0/0',
      peersActiveElsewhere: ['192.0.2.2'],
    });
    expect(flexvpnObservation(first.seen, clients, 'FLEX').observation).toBeUndefined();
  });

  it('reports line-protocol changes of watched WANs; a missing interface tells nothing (garbled output looks the same)', () => {
    const row = (name: string, status: IpInterfaceBrief['status'], protocol: IpInterfaceBrief['protocol']): IpInterfaceBrief => ({
      name,
      ok: true,
      method: 'DHCP',
      status,
      statusRaw: status,
      protocol,
      protocolRaw: protocol,
    });
    const watched = ['GigabitEthernet0/0', 'Cellular0/1/0'];
    const a = interfaceObservations({}, [row('GigabitEthernet0/0', 'up', 'up')], watched);
    expect(a.observations).toEqual([{ kind: 'interface', name: 'GigabitEthernet0/0', up: true }]);
    const b = interfaceObservations(a.seen, [row('GigabitEthernet0/0', 'up', 'down'), row('Cellular0/1/0', 'up', 'up')], watched);
    expect(b.observations).toEqual([
      { kind: 'interface', name: 'GigabitEthernet0/0', up: false },
      { kind: 'interface', name: 'Cellular0/1/0', up: true },
    ]);
    expect(interfaceObservations(b.seen, [], watched).observations).toEqual([]); // empty output: no news, not every WAN down
  });
});

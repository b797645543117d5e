import { describe, expect, it } from 'vitest';
import { parseTrack } from '../../../agent/parsers/health/track.js';
import { parseTrackBrief } from '../../../agent/parsers/health/track-brief.js';

const SHOW_TRACK = [
  'spoke1#show track',
  'Track 1',
  '  IP SLA 1 reachability',
  '  Reachability is Up',
  '    3 changes, last change 00:01:36',
  '  Delay up 10 secs, down 5 secs',
  '  Latest operation return code: OK',
  '  Latest RTT (millisecs) 4',
  '  Tracked by:',
  '    Static IP Routing 0',
  'Track 2',
  '  Stub-object',
  '  State is Up',
  '    1 change, last change 00:00:12',
  '  Default state is up',
  'Track 3',
  '  List boolean and',
  '  Boolean AND is Down',
  '    2 changes, last change 00:00:05',
  '    object 1 Up',
  '    object 4 Down',
  'Track 4',
  '  Interface Tunnel0 line-protocol',
  '  Line protocol is Down (hw down)',
  '    1 change, last change 1d02h',
  '  Tracked by:',
  '    HSRP GigabitEthernet0/0/1 10',
  'Track 5',
  '  IP SLA 2 state',
  '  State is Down, delayed Up (7 secs remaining)',
  '    4 changes, last change 00:00:03',
  '  Delay up 10 secs',
  '  Latest operation return code: Timeout',
  'spoke1#',
].join('\n');

describe('show track', () => {
  const { records, warnings } = parseTrack(SHOW_TRACK);

  it('understands every line', () => {
    expect(warnings).toEqual([]);
    expect(records.map((t) => t.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads an IP SLA reachability track with its delay, SLA result and client', () => {
    expect(records[0]).toEqual({
      id: 1, type: 'ip-sla', typeRaw: 'IP SLA', instance: '1', parameter: 'reachability', parameterRaw: 'reachability',
      state: 'up', stateRaw: 'Up', changes: 3, lastChangeSec: 96, delayUpSec: 10, delayDownSec: 5,
      latestReturnCode: 'ok', latestReturnCodeRaw: 'OK', latestRttMs: 4,
      trackedBy: [{ client: 'Static IP Routing 0', raw: 'Static IP Routing 0' }],
    });
  });

  it('reads a stub object and its default state', () => {
    expect(records[1]).toEqual({
      id: 2, type: 'stub-object', typeRaw: 'Stub-object', state: 'up', stateRaw: 'Up',
      changes: 1, lastChangeSec: 12, defaultState: 'up',
    });
  });

  it('reads a boolean list with its objects', () => {
    expect(records[2]).toMatchObject({
      type: 'list', parameter: 'boolean-and', state: 'down',
      listObjects: [{ id: 1, negated: false, state: 'up' }, { id: 4, negated: false, state: 'down' }],
    });
    expect(records[2]?.instance).toBeUndefined();
  });

  it('reads an interface track, the reason for its state and an HSRP client', () => {
    expect(records[3]).toMatchObject({
      type: 'interface', instance: 'Tunnel0', parameter: 'line-protocol', state: 'down', stateDetail: 'hw down',
      lastChangeSec: 93600, trackedBy: [{ client: 'HSRP', interface: 'GigabitEthernet0/0/1', group: '10' }],
    });
  });

  it('reads a change held back by the delay', () => {
    expect(records[4]).toMatchObject({
      parameter: 'state', state: 'down', delayedState: 'up', delayedRemainingSec: 7, delayUpSec: 10,
      latestReturnCode: 'timeout',
    });
    expect(records[4]?.delayDownSec).toBeUndefined();
  });

  it('reads a route track, converting the mask to a prefix length', () => {
    const text = [
      'Track 9',
      '  IP route 10.16.0.0 255.255.0.0 metric threshold',
      '  Metric threshold is Up (RIP/6/102)',
      '    1 change, last change 00:00:08',
      '  Metric threshold down 255 up 254',
      '  First-hop interface is unknown (was Ethernet0/1)',
    ].join('\n');
    const { records: [route], warnings: w } = parseTrack(text);
    expect(w).toEqual([]);
    expect(route).toMatchObject({
      type: 'route', instance: '10.16.0.0/16', parameter: 'metric-threshold', stateDetail: 'RIP/6/102',
      metricThresholdDown: 255, metricThresholdUp: 254, firstHopInterface: 'unknown', previousFirstHopInterface: 'Ethernet0/1',
    });
  });

  it('warns on a garbage line with its number and keeps the tracks around it', () => {
    const text = ['Track 1', '  Stub-object', '  State is Down', '  Frobnicated since Tuesday', 'Track 2', '  Stub-object', '  State is Up'].join('\n');
    const { records: tracks, warnings: w } = parseTrack(text);
    expect(tracks.map((t) => [t.id, t.state])).toEqual([[1, 'down'], [2, 'up']]);
    expect(w).toHaveLength(1);
    expect(w[0]?.line).toBe(4);
  });
});

describe('show track brief', () => {
  it('reads two-word types and parameters, and a list without instance', () => {
    const text = [
      'Track Type        Instance                   Parameter        State Last Change',
      '1     ip sla      1                          reachability     Up    00:01:36',
      '2     interface   Tu0                        line-protocol    Down  00:00:41',
      '3     interface   GigabitEthernet0/0/0       ip routing       Up    2d04h',
      '4     list                                   boolean          Up    00:05:08',
      '5     ip route    10.16.0.0/16               reachability     Up    00:01:08',
    ].join('\n');
    const { records, warnings } = parseTrackBrief(text);
    expect(warnings).toEqual([]);
    expect(records[1]).toEqual({
      id: 2, type: 'interface', typeRaw: 'interface', instance: 'Tunnel0', parameter: 'line-protocol',
      parameterRaw: 'line-protocol', state: 'down', stateRaw: 'Down', lastChangeSec: 41,
    });
    expect(records[2]).toMatchObject({ parameter: 'ip-routing', lastChangeSec: 187200 });
    expect(records[3]).toMatchObject({ type: 'list', parameter: 'boolean', state: 'up' });
    expect(records[3]?.instance).toBeUndefined();
    expect(records[4]).toMatchObject({ type: 'route', instance: '10.16.0.0/16', parameter: 'reachability' });
  });

  it('warns on a row it cannot read and keeps the others', () => {
    const { records, warnings } = parseTrackBrief('1     ip sla      1   state   Up    00:00:01\n2 teleporter x y Up 00:00:01\n');
    expect(records).toHaveLength(1);
    expect(warnings[0]?.line).toBe(2);
  });
});

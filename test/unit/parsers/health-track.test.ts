import { describe, expect, it } from 'vitest';
import { parseTrack } from '../../../agent/parsers/health/track.js';
import { parseTrackBrief } from '../../../agent/parsers/health/track-brief.js';

// A spoke's five kinds of track (SLA, stub, list, interface, delayed) are a parser case now:
// test/unit/parsers/cases/show-track/spoke-five-kinds.
describe('show track', () => {
  it('reads a route track, converting the mask to a prefix length', () => {
    const text = [
      'Track 9',
      '  IP route 10.16.0.0 255.255.0.0 metric threshold',
      '  Metric threshold is Up (RIP/6/102)',
      '    1 change, last change 00:00:08',
      '  Metric threshold down 255 up 254',
      '  First-hop interface is unknown (was Ethernet0/1)',
    ].join('\n');
    const {
      records: [route],
      warnings: w,
    } = parseTrack(text);
    expect(w).toEqual([]);
    expect(route).toMatchObject({
      type: 'route',
      instance: '10.16.0.0/16',
      parameter: 'metric-threshold',
      stateDetail: 'RIP/6/102',
      metricThresholdDown: 255,
      metricThresholdUp: 254,
      firstHopInterface: 'unknown',
      previousFirstHopInterface: 'Ethernet0/1',
    });
  });

  it('warns on a garbage line with its number and keeps the tracks around it', () => {
    const text = [
      'Track 1',
      '  Stub-object',
      '  State is Down',
      '  Frobnicated since Tuesday',
      'Track 2',
      '  Stub-object',
      '  State is Up',
    ].join('\n');
    const { records: tracks, warnings: w } = parseTrack(text);
    expect(tracks.map((t) => [t.id, t.state])).toEqual([
      [1, 'down'],
      [2, 'up'],
    ]);
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
      id: 2,
      type: 'interface',
      typeRaw: 'interface',
      instance: 'Tunnel0',
      parameter: 'line-protocol',
      parameterRaw: 'line-protocol',
      state: 'down',
      stateRaw: 'Down',
      lastChangeSec: 41,
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

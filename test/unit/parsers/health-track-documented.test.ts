import { describe, expect, it } from 'vitest';
import { parseTrack } from '../../../agent/parsers/health/track.js';
import { parseTrackBrief } from '../../../agent/parsers/health/track-brief.js';

/**
 * `show track` line kinds the IOS command references document that the parser did not read
 * (issue 18, documentation audit): the 12.x name of an IP SLA object (`track N rtr M`, IP SLAs
 * Command Reference) and a threshold list's thresholds (`threshold weight` / `threshold
 * percentage`, IP Application Services Command Reference). Values invented.
 */
describe('show track: IP SLA objects tracked through rtr', () => {
  it.each([
    ['state', 'State is Up', 'state'],
    ['reachability', 'Reachability is Down', 'reachability'],
  ])('Response Time Reporter N %s', (parameterRaw, stateLine, parameter) => {
    const { records, warnings } = parseTrack(['Track 2', `  Response Time Reporter 3 ${parameterRaw}`, `  ${stateLine}`].join('\n'));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ type: 'ip-sla', typeRaw: 'Response Time Reporter', instance: '3', parameter });
  });

  it('show track brief: an rtr row is an IP SLA object', () => {
    const { records, warnings } = parseTrackBrief(
      [
        'Track   Type        Instance                   Parameter        State Last Change',
        '9       rtr         3                          reachability     Up    00:00:01',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ id: 9, type: 'ip-sla', instance: '3', parameter: 'reachability', state: 'up' });
  });
});

describe('show track: threshold list thresholds', () => {
  it.each([
    ['Threshold weight down 10 up 30', 10, 30],
    ['Threshold weight up 30 down 10', 10, 30],
    ['Threshold percentage down 32% up 50%', 32, 50],
    ['Threshold Down (10) Up (30)', 10, 30],
    ['Threshold: down 0% up 66%', 0, 66],
  ])('%s', (line, down, up) => {
    const { records, warnings } = parseTrack(
      ['Track 11', '  List threshold weight', '  Threshold Weight is Up (30/40)', '    object 1 weight 15 Up', `  ${line}`].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ parameter: 'threshold-weight', stateDetail: '30/40', listThresholdDown: down, listThresholdUp: up });
  });
});

describe('show track brief: the 12.x header', () => {
  it('reads rows under Track Object Parameter Value Last Change', () => {
    const { records, warnings } = parseTrackBrief(
      [
        'Track   Object                           Parameter        Value Last Change',
        '1       interface Ethernet0/1            line-protocol    Up    00:00:05',
        '2       ip route  10.16.0.0/16           reachability     Down  00:00:07',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toMatchObject([
      { id: 1, type: 'interface', instance: 'Ethernet0/1', parameter: 'line-protocol', state: 'up', lastChangeSec: 5 },
      { id: 2, type: 'route', instance: '10.16.0.0/16', parameter: 'reachability', state: 'down', lastChangeSec: 7 },
    ]);
  });
});

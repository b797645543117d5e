import { describe, expect, it } from 'vitest';
import { parseTrack } from '../../../agent/parsers/health/track.js';

const track = (...lines: string[]) => parseTrack(['Track 2', ...lines.map((l) => `  ${l}`)].join('\n'));

describe('show track state lines', () => {
  it.each([
    ['Line protocol is Down ((hw admin-down))', { state: 'down', stateDetail: '(hw admin-down)' }],
    ['Line protocol is Down ((hw down))', { state: 'down', stateDetail: '(hw down)' }],
    ['IP routing is Down (no IP addr)', { state: 'down', stateDetail: 'no IP addr' }],
    ['Reachability is Up (RIP)', { state: 'up', stateDetail: 'RIP' }],
    ['Metric threshold is Up (RIP/6/102)', { state: 'up', stateDetail: 'RIP/6/102' }],
    [
      'Reachability is Down (no ip route), delayed Up (1 sec remaining) (connected)',
      { state: 'down', stateDetail: 'no ip route', delayedState: 'up', delayedRemainingSec: 1, delayedDetail: 'connected' },
    ],
    [
      'Line protocol is Up, delayed Down (10 secs remaining) ((hw down))',
      { state: 'up', delayedState: 'down', delayedRemainingSec: 10, delayedDetail: '(hw down)' },
    ],
    ['Threshold weight is Up (20/30)', { state: 'up', stateDetail: '20/30' }],
    ['Boolean AND is Down', { state: 'down' }],
  ])('%s', (line, expected) => {
    const { records, warnings } = track('Interface Ethernet0/1 line-protocol', line, '  2 changes, last change 00:04:42');
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });

  it('reads an interface object named with a space before its number', () => {
    const { records, warnings } = track('Interface GigabitEthernet 1/0/1 ip routing', 'IP routing is Down (no IP addr)');
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ type: 'interface', instance: 'GigabitEthernet1/0/1', parameter: 'ip-routing', state: 'down' });
  });

  it('warns on an unbalanced reason rather than guessing', () => {
    const { warnings } = track('Interface Ethernet0/1 line-protocol', 'Line protocol is Down ((hw admin-down)');
    expect(warnings.map((w) => w.line)).toEqual([3]);
  });
});

describe('show track list members', () => {
  it('reads weights, negation and reasons of list objects', () => {
    const { records, warnings } = track(
      'List threshold weight',
      'Threshold weight is Down (10/30)',
      'object 1 weight 10 Up',
      'object 2 weight 20 Down ((hw admin-down))',
      'object 3 not Down',
      'object 4 Down (0%)',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.listObjects).toEqual([
      { id: 1, weight: 10, negated: false, state: 'up' },
      { id: 2, weight: 20, negated: false, state: 'down' },
      { id: 3, negated: true, state: 'down' },
      { id: 4, negated: false, state: 'down' },
    ]);
  });
});

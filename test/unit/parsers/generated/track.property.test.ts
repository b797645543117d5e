import { describe, expect, it } from 'vitest';
import { parseTrack } from '../../../../agent/parsers/health/track.js';
import { seededRandom } from '../../../support/random.js';

/**
 * Issue 18 item 3 for `show track`: random valid blocks (objects of every kind,
 * states with reasons nested to any depth, delayed changes, list members,
 * clients), read back exactly.
 */
describe('show track property: generated blocks read back', () => {
  const rand = seededRandom(1819);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const REASONS = ['hw down', 'hw admin-down', 'no ip route', 'RIP', 'connected', 'RIP/6/102', '0/30', '66%'];
  const nest = (r: string) => {
    let out = r;
    for (let d = int(3); d > 0; d--) out = `(${out})`;
    return out;
  };
  const OBJECTS = [
    ['IP SLA 1 state', 'State'],
    ['IP SLA 7 reachability', 'Reachability'],
    ['Response Time Reporter 3 state', 'State'],
    ['Interface GigabitEthernet0/0/1 line-protocol', 'Line protocol'],
    ['Interface Cellular0/1/0 ip routing', 'IP routing'],
    ['Interface GigabitEthernet 1/0/1 ip routing', 'IP routing'],
    ['IP route 10.0.0.0 255.0.0.0 reachability', 'Reachability'],
    ['List boolean and', 'Boolean AND'],
    ['List threshold weight', 'Threshold weight'],
    ['List threshold percentage', 'Threshold percentage'],
    ['Stub-object', 'State'],
  ] as const;

  it('holds for 500 generated tracks', () => {
    for (let n = 0; n < 500; n++) {
      const [object, what] = pick(OBJECTS);
      const state = pick(['Up', 'Down']);
      const detail = rand() < 0.5 ? nest(pick(REASONS)) : undefined;
      const delayed =
        rand() < 0.3
          ? { state: state === 'Up' ? 'Down' : 'Up', sec: 1 + int(180), detail: rand() < 0.5 ? nest(pick(REASONS)) : undefined }
          : undefined;
      const members = object.startsWith('List')
        ? Array.from({ length: 1 + int(4) }, (_, i) => ({
            id: 10 + i,
            weight: object.includes('weight') ? 10 * (1 + int(5)) : undefined,
            negated: rand() < 0.2,
            state: pick(['Up', 'Down']),
          }))
        : [];
      const threshold = object.startsWith('List threshold') ? { down: int(50), up: 50 + int(50) } : undefined;
      const pct = object.includes('percentage') ? '%' : '';
      const thresholdLine = threshold
        ? [
            rand() < 0.5
              ? `  Threshold ${object.includes('weight') ? 'weight' : 'percentage'} down ${threshold.down}${pct} up ${threshold.up}${pct}`
              : `  Threshold down (${threshold.down}${pct}) up (${threshold.up}${pct})`,
          ]
        : [];
      const lines = [
        `Track ${n + 1}`,
        `  ${object}`,
        `  ${what} is ${state}${detail !== undefined ? ` (${detail})` : ''}${delayed ? `, delayed ${delayed.state} (${delayed.sec} sec${delayed.sec === 1 ? '' : 's'} remaining)${delayed.detail !== undefined ? ` (${delayed.detail})` : ''}` : ''}`,
        `    ${1 + int(20)} change${rand() < 0.5 ? 's' : ''}, last change 00:0${int(10)}:${10 + int(50)}`,
        ...members.map(
          (m) => `    object ${m.id}${m.weight !== undefined ? ` weight ${m.weight}` : ''}${m.negated ? ' not' : ''} ${m.state}`,
        ),
        ...thresholdLine,
        '  Tracked by:',
        `    FLEXVPN ${int(3)}`,
      ];
      const { records, warnings } = parseTrack(lines.join('\n'));
      const text = lines.join('\n');
      expect(warnings, text).toEqual([]);
      const t = records[0]!;
      expect(t.state, text).toBe(state.toLowerCase());
      expect(t.stateDetail, text).toBe(detail);
      expect(t.delayedState, text).toBe(delayed?.state.toLowerCase());
      expect(t.delayedRemainingSec, text).toBe(delayed?.sec);
      expect(t.delayedDetail, text).toBe(delayed?.detail);
      expect(t.type, text).not.toBe('unknown');
      expect([t.listThresholdDown, t.listThresholdUp], text).toEqual([threshold?.down, threshold?.up]);
      expect(t.listObjects ?? [], text).toEqual(
        members.map((m) => ({
          id: m.id,
          negated: m.negated,
          state: m.state.toLowerCase(),
          ...(m.weight !== undefined ? { weight: m.weight } : {}),
        })),
      );
    }
  });
});

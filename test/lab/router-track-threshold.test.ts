/** Threshold-list tracks and the delay range: pure rules as tables, then through the router's commands. */
import { describe, expect, it } from 'vitest';
import { CliSession } from '../../lab/cli/session.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import type { UpDown } from '../../lab/router/config-model.js';
import { thresholdTarget, thresholdValue, type ThresholdList } from '../../lab/router/dynamics/track-threshold.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const members = (...w: number[]) => w.map((weight, i) => ({ id: i + 1, weight }));
const states =
  (...s: UpDown[]) =>
  (id: number) =>
    s[id - 1];

describe('threshold lists (Cisco EOT guide: up at or above `up`, down at or below `down`, unchanged between)', () => {
  // The guide's weight example: objects of weight 10, 20, 30 with `threshold weight up 30 down 10`.
  const weight: ThresholdList = { by: 'weight', objects: members(10, 20, 30), up: 30, down: 10 };
  type Row = [string, ThresholdList, Array<UpDown>, UpDown, UpDown];
  it.each<Row>([
    ['weight 30 reaches up', weight, ['up', 'up', 'down'], 'down', 'up'],
    ['weight 30 alone reaches up', weight, ['down', 'down', 'up'], 'down', 'up'],
    ['weight 20 holds a down list down', weight, ['down', 'up', 'down'], 'down', 'down'],
    ['weight 20 holds an up list up', weight, ['down', 'up', 'down'], 'up', 'up'],
    ['weight 10 takes it down', weight, ['up', 'down', 'down'], 'up', 'down'],
    // The guide's percentage example: three objects, `threshold percentage up 51 down 10`.
    ['2 of 3 is 66% >= 51', { by: 'percentage', objects: members(10, 10, 10), up: 51, down: 10 }, ['up', 'up', 'down'], 'down', 'up'],
    [
      '1 of 3 is 33%: between, stays',
      { by: 'percentage', objects: members(10, 10, 10), up: 51, down: 10 },
      ['up', 'down', 'down'],
      'up',
      'up',
    ],
    ['0 of 3 is 0% <= 10', { by: 'percentage', objects: members(10, 10, 10), up: 51, down: 10 }, ['down', 'down', 'down'], 'up', 'down'],
    ['defaults up 1 down 0: any member up', { by: 'percentage', objects: members(10, 10) }, ['down', 'up'], 'down', 'up'],
    ['an empty list is down', { by: 'weight', objects: [] }, [], 'up', 'down'],
    ['an absent member counts as down', { by: 'weight', objects: members(10, 10), up: 20 }, ['up'], 'down', 'down'],
  ])('%s', (_name, list, s, current, expected) => {
    expect(thresholdTarget(list, states(...s), current)).toBe(expected);
  });

  it('values as show track prints them', () => {
    expect(thresholdValue(weight, states('up', 'down', 'up'))).toEqual({ value: 40, total: 60 });
    expect(thresholdValue({ by: 'percentage', objects: members(1, 1, 1) }, states('up', 'up', 'down'))).toEqual({ value: 66, total: 100 });
  });
});

function withList(): ReturnType<typeof labRouter> {
  const lab = labRouter();
  const { router } = lab;
  for (const id of [61, 62, 63]) exec(router, `track ${id} stub-object`, 'config');
  exec(router, 'default-state up', 'config-track', '61');
  exec(router, 'default-state up', 'config-track', '62');
  exec(router, 'track 90 list threshold weight', 'config');
  exec(router, 'object 61 weight 20', 'config-track', '90');
  exec(router, 'object 62', 'config-track', '90');
  exec(router, 'object 63 weight 30', 'config-track', '90');
  exec(router, 'threshold weight up 30 down 10', 'config-track', '90');
  exec(router, 'track 91 list threshold percentage', 'config');
  for (const id of [61, 62, 63]) exec(router, `object ${id}`, 'config-track', '91');
  exec(router, 'threshold percentage up 51 down 10', 'config-track', '91');
  return lab;
}

describe('threshold list commands', () => {
  it('follow their members, log %TRACK-6-STATE, and show as IOS does', () => {
    const { router, clock } = withList();
    seconds(clock, 1);
    expect(router.state().tracks).toMatchObject({ 90: 'up', 91: 'up' });
    expect(exec(router, 'show track 90').split('\n')).toEqual([
      'Track 90',
      '  List threshold weight',
      '  Threshold Weight is Up (30/60)',
      expect.stringMatching(/^ {4}\d+ changes?, last change /),
      '    object 61 Up (20/60)',
      '    object 62 Up (10/60)',
      '    object 63 Down (0/60)',
      '  Threshold Weight up 30 down 10',
    ]);
    expect(exec(router, 'show track 91')).toContain('  Threshold Percentage is Up (66%)');
    expect(exec(router, 'show track 91')).toContain('  Threshold Percentage up 51% down 10%');
    expect(exec(router, 'show track 90 brief').split('\n')[1]).toMatch(/^90 {4}list {8} {27}threshold {8}Up {4}/);
    exec(router, 'default-state down', 'config-track', '61');
    exec(router, 'default-state down', 'config-track', '62');
    expect(router.state().tracks).toMatchObject({ 90: 'down', 91: 'down' });
    expect(router.model.log.lines.some((l) => l.endsWith('%TRACK-6-STATE: 90 list threshold weight Up -> Down'))).toBe(true);
  });

  it('print back in running-config', () => {
    const { router } = withList();
    const text = renderRunningConfig(router.model);
    expect(text).toContain(
      'track 90 list threshold weight\n object 61 weight 20\n object 62\n object 63 weight 30\n threshold weight up 30 down 10\n!',
    );
    expect(text).toContain(
      'track 91 list threshold percentage\n object 61\n object 62\n object 63\n threshold percentage up 51 down 10\n!',
    );
  });

  it('refuse what IOS refuses: not, weight on a percentage list, down not below up, a changed type', () => {
    const { router } = withList();
    expect(() => exec(router, 'object 61 not', 'config-track', '90')).toThrow(/Invalid input/);
    expect(() => exec(router, 'object 61 weight 5', 'config-track', '91')).toThrow(/Invalid input/);
    expect(() => exec(router, 'threshold weight up 20 down 20', 'config-track', '90')).toThrow(/Invalid input/);
    expect(() => exec(router, 'threshold percentage up 50', 'config-track', '90')).toThrow(/Invalid input/);
    expect(() => exec(router, 'threshold percentage up 101', 'config-track', '91')).toThrow(/no command matches/);
    expect(() => exec(router, 'track 90 list boolean and', 'config')).toThrow(/Track type cannot be changed/);
    exec(router, 'no object 62', 'config-track', '90');
    expect(router.model.config.tracks.get(90)).toMatchObject({
      objects: [
        { id: 61, weight: 20 },
        { id: 63, weight: 30 },
      ],
    });
  });
});

describe('track delay range (IOS: 1-180 seconds)', () => {
  it('refuses 0 and 181 with the caret under the number, accepts 1 and 180', () => {
    const { router } = labRouter();
    const cli = new CliSession({ device: router, privilege: 15 });
    cli.execute('configure terminal');
    cli.execute('track 7 stub-object');
    const prompt = cli.prompt();
    expect(cli.execute('delay up 0').lines).toEqual([
      `${' '.repeat(prompt.length + 'delay up '.length)}^`,
      "% Invalid input detected at '^' marker.",
      '',
    ]);
    expect(cli.execute('delay down 181').lines[1]).toBe("% Invalid input detected at '^' marker.");
    expect(cli.execute('delay up 1 down 180').lines).toEqual([]);
    expect(router.model.config.tracks.get(7)).toMatchObject({ delayUpSec: 1, delayDownSec: 180 });
  });
});

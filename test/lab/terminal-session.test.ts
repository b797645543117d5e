/** CliSession and Pager without a transport: mode bookkeeping, handler contexts, output shaping. */
import { describe, expect, it } from 'vitest';
import { kw, type CommandContext, type LabDevice } from '../../lab/cli/grammar.js';
import { Pager } from '../../lab/cli/pager.js';
import { CliSession, outputLines } from '../../lab/cli/session.js';
import { fakeDevice } from './terminal-fake-device.js';

function privileged(device: LabDevice = fakeDevice(), log?: (e: Record<string, unknown>) => void): CliSession {
  return new CliSession({ device, privilege: 15, log });
}

describe('CliSession', () => {
  it('exit leaves one level at a time, then ends the session', () => {
    const s = privileged();
    const walk = ['conf t', 'ip sla 3', 'icmp-echo 192.0.2.1 source-interface Gi0/0'].map((l) => s.execute(l));
    expect(walk.every((o) => !o.closed)).toBe(true);
    expect(s.prompt()).toBe('spoke1(config-ip-sla-echo)#');
    const prompts = ['exit', 'exit', 'exit'].map((l) => (s.execute(l), s.prompt()));
    expect(prompts).toEqual(['spoke1(config-ip-sla)#', 'spoke1(config)#', 'spoke1#']);
    expect(s.execute('exit')).toEqual({ lines: [], closed: true });
  });

  it('gives handlers their mode and target; `do` runs in exec without a target', () => {
    const seen: CommandContext[] = [];
    const device: LabDevice = {
      hostname: () => 'r1',
      commands: () => [
        { modes: ['config'], syntax: kw('interface', 'x'), handler: () => ({ enter: { mode: 'config-if', target: 'X1' } }) },
        { modes: ['config-if', 'exec'], syntax: kw('probe'), handler: (ctx) => void seen.push(ctx) },
        // An exec command asking to enter a config mode is ignored: only configuration opens sub-modes.
        { modes: ['exec'], syntax: kw('odd'), handler: () => ({ enter: { mode: 'config-if' } }) },
      ],
    };
    const s = privileged(device);
    s.execute('odd');
    expect(s.mode()).toBe('exec');
    s.execute('conf t');
    s.execute('int x');
    s.execute('probe');
    s.execute('do probe');
    expect(s.mode()).toBe('config-if');
    expect(seen).toEqual([
      { mode: 'config-if', modeTarget: 'X1', terminalWidth: 80 },
      { mode: 'exec', modeTarget: undefined, terminalWidth: 80 },
    ]);
  });

  it('a sub-mode entered again from itself replaces its level', () => {
    const device: LabDevice = {
      hostname: () => 'r1',
      commands: () => [
        {
          modes: ['config', 'config-if'],
          syntax: [...kw('interface'), { kind: 'interface', name: 'if' }],
          handler: (_ctx, args) => ({ enter: { mode: 'config-if', target: String(args.if) } }),
        },
      ],
    };
    const s = privileged(device);
    s.execute('conf t');
    s.execute('int Gi0/0');
    s.execute('int Tu1');
    expect(s.prompt()).toBe('r1(config-if)#');
    s.execute('exit');
    expect(s.prompt()).toBe('r1(config)#');
  });

  it('shows the sub-mode error when no enclosing mode knows the line either', () => {
    const s = privileged();
    s.execute('conf t');
    s.execute('track 4 stub-object');
    expect(s.execute('default-state').lines).toEqual(['% Incomplete command.', '']);
    expect(s.mode()).toBe('config-track');
  });

  it('logs a crashing handler and a failing model without the secret', () => {
    const events: Record<string, unknown>[] = [];
    const broken: LabDevice = {
      hostname: () => 'r1',
      commands: () => {
        throw new Error('model bug');
      },
    };
    const s = new CliSession({ device: broken, enableSecret: 's3cret', log: (e) => events.push(e) });
    expect(s.execute('enable').lines).toEqual(['% Internal error']);
    expect(events).toEqual([expect.objectContaining({ event: 'lab.cli.line_failed', command: 'enable' })]);
    const crash = privileged(fakeDevice(), (e) => events.push(e));
    expect(crash.execute('test crash').lines).toEqual(['% Internal error']);
    expect(events.at(-1)).toMatchObject({ event: 'lab.cli.handler_failed', command: 'test crash' });
  });

  it('interrupt abandons the secret prompt and configuration mode', () => {
    const s = new CliSession({ device: fakeDevice(), enableSecret: 'x' });
    s.execute('enable');
    expect(s.prompt()).toBe('Password: ');
    s.interrupt();
    expect(s.prompt()).toBe('spoke1>');
  });

  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['a', ['a']],
    ['a\nb\n', ['a', 'b']],
    ['a\r\n\n', ['a', '']],
  ])('output %j prints as lines %j', (output, lines) => {
    expect(outputLines(output)).toEqual(lines);
  });
});

describe('Pager', () => {
  const text = Array.from({ length: 10 }, (_, i) => `l${i}`);

  it('length 0 prints everything at once', () => {
    const p = new Pager(text, 0);
    expect(p.firstPage()).toEqual(text);
    expect(p.done).toBe(true);
  });

  it('length N shows N-1 lines per page; Return one more; other keys stop', () => {
    const p = new Pager(text, 4);
    expect(p.firstPage()).toEqual(['l0', 'l1', 'l2']);
    expect(p.key(' ')).toEqual({ lines: ['l3', 'l4', 'l5'], stopped: false });
    expect(p.key('\r')).toEqual({ lines: ['l6'], stopped: false });
    expect(p.done).toBe(false);
    expect(p.key('q')).toEqual({ lines: [], stopped: true });
    expect(p.done).toBe(true);
  });

  it('a page that fits needs no --More--', () => {
    const p = new Pager(text.slice(0, 3), 4);
    p.firstPage();
    expect(p.done).toBe(true);
  });
});

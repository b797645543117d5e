/** The vty's `?`, Tab and `terminal monitor` keys and screen, without SSH. */
import { describe, expect, it } from 'vitest';
import type { LabDevice } from '../../lab/cli/grammar.js';
import { CliSession } from '../../lab/cli/session.js';
import { InteractiveTerminal } from '../../lab/cli/terminal.js';
import { fakeDevice } from './terminal-fake-device.js';

/** A device whose log the test writes to, as the router's LogBuffer would. */
function loggingDevice(): { device: LabDevice; log(line: string): void; watchers: Set<(line: string) => void> } {
  const watchers = new Set<(line: string) => void>();
  const device: LabDevice = {
    ...fakeDevice(),
    watchLog: (w) => {
      watchers.add(w);
      return () => watchers.delete(w);
    },
  };
  return { device, watchers, log: (line) => watchers.forEach((w) => w(line)) };
}

function vty(device: LabDevice = fakeDevice(), privilege: 1 | 15 = 15) {
  let screen = '';
  const terminal = new InteractiveTerminal(new CliSession({ device, privilege }), { write: (t) => (screen += t), end: () => undefined });
  terminal.start();
  const type = (keys: string): string => {
    screen = '';
    terminal.input(keys);
    return screen;
  };
  return { terminal, type };
}

describe('? on the vty', () => {
  it('echoes the ?, lists, then redraws the prompt with the line as typed', () => {
    const { type } = vty();
    expect(type('show ver')).toBe('show ver');
    expect(type('?')).toBe('?\r\nversion  \r\n\r\nspoke1#show ver');
    expect(type('sion ?')).toBe('sion ?\r\n  |  Output modifiers\r\n  <cr>\r\n\r\nspoke1#show version ');
    // The ? is not part of the line: Enter runs what was typed.
    expect(type('\r')).toContain('version line 1\r\n');
  });

  it('is an ordinary character at the enable secret prompt', () => {
    const device = fakeDevice();
    let screen = '';
    const terminal = new InteractiveTerminal(new CliSession({ device, enableSecret: 'a?b' }), {
      write: (t) => (screen += t),
      end: () => undefined,
    });
    terminal.start();
    terminal.input('enable\r');
    screen = '';
    terminal.input('a?b\r');
    expect(screen).toBe('\r\nspoke1#');
  });
});

describe('Tab on the vty', () => {
  it('types the rest of a unique keyword and a space', () => {
    const { type } = vty();
    expect(type('sh')).toBe('sh');
    expect(type('\t')).toBe('ow ');
    expect(type('ver\t')).toBe('version ');
  });

  it('redraws the line on a new row when the word is not unique', () => {
    const { type } = vty();
    type('show i');
    expect(type('\t')).toBe('\r\nspoke1#show i');
  });
});

describe('terminal monitor', () => {
  it('copies log lines to this vty only while on, and holds them while --More-- is up', () => {
    const { device, log, watchers } = loggingDevice();
    const { type } = vty(device);
    log('000001: before');
    type('terminal monitor\r');
    expect(watchers.size).toBe(1);
    let shown = '';
    const other = vty(device); // a second vty without monitor sees nothing
    log('000002: %TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down');
    shown = type('');
    expect(shown).toBe('');
    expect(other.type('')).toBe('');
    type('show version\r'); // pages: the next line waits for the end of the output
    log('000003: held');
    expect(type(' ')).not.toContain('held');
    expect(type(' ')).toMatch(/version line 50\r\n000003: held\r\nspoke1#$/);
    type('terminal no monitor\r');
    expect(watchers.size).toBe(0);
  });

  it('writes a line where the cursor is, without redrawing the prompt', () => {
    const { device, log } = loggingDevice();
    let screen = '';
    const terminal = new InteractiveTerminal(new CliSession({ device, privilege: 15 }), {
      write: (t) => (screen += t),
      end: () => undefined,
    });
    terminal.start();
    terminal.input('terminal monitor\r');
    terminal.input('sh');
    screen = '';
    log('000004: %LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel100, changed state to down');
    expect(screen).toBe('\r\n000004: %LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel100, changed state to down\r\n');
    terminal.close();
    screen = '';
    log('000005: after close');
    expect(screen).toBe('');
  });

  it('is privileged: user exec refuses it at the second word', () => {
    const { type } = vty(fakeDevice(), 1);
    expect(type('terminal monitor\r')).toContain("% Invalid input detected at '^' marker.");
  });
});

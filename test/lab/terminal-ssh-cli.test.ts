/**
 * The lab terminal over a real SSH shell: prompts, modes, abbreviations, IOS
 * error lines byte for byte, paging, sub-modes and the parent-mode fallback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLabSshServer, type LabSshServer } from '../../lab/ssh/server.js';
import { fakeDevice, VERSION_LINES, type FakeState } from './terminal-fake-device.js';
import { lines, Shell } from './terminal-ssh-client.js';

const ADMIN = { username: 'admin', password: 'admin' };
const INVALID = "% Invalid input detected at '^' marker.";
const MORE = ' --More-- ';
const ERASE = '\b'.repeat(9) + ' '.repeat(8) + '\b'.repeat(9);

let server: LabSshServer;
let state: FakeState;
let shell: Shell;

beforeAll(async () => {
  const device = fakeDevice();
  state = device.state;
  server = await startLabSshServer({ device, log: () => {} });
});
afterAll(() => server.close());
beforeEach(async () => {
  state.hostname = 'spoke1';
  shell = await Shell.open(server.port, ADMIN);
});
afterEach(() => shell.close());

/** From user mode to `spoke1#` with paging off, as the agent does. */
async function privileged(): Promise<void> {
  await shell.run('enable', 'spoke1#');
  await shell.run('terminal length 0', 'spoke1#');
}

describe('prompts and modes', () => {
  it('greets with an empty line and the user prompt', () => {
    expect(shell.output).toBe('\r\nspoke1>');
  });

  it('enable, disable, configure terminal, sub-modes, exit and end', async () => {
    expect(await shell.run('en', 'spoke1#')).toBe('');
    expect(await shell.run('disable', 'spoke1>')).toBe('');
    await shell.run('enable', 'spoke1#');
    expect(await shell.run('conf t', 'spoke1(config)#')).toBe('Enter configuration commands, one per line.  End with CNTL/Z.\r\n');
    await shell.run('interface Gi0/0', 'spoke1(config-if)#');
    await shell.run('exit', 'spoke1(config)#');
    await shell.run('track 5 stub-object', 'spoke1(config-track)#');
    await shell.run('default-state down', 'spoke1(config-track)#');
    expect(state.stubTracks.get(5)).toBe('down');
    await shell.run('end', 'spoke1#');
    await shell.run('configure terminal', 'spoke1(config)#');
    await shell.run('ip sla 7', 'spoke1(config-ip-sla)#');
    await shell.run('icmp-echo 192.0.2.1 source-interface Cellular 0/1/0', 'spoke1(config-ip-sla-echo)#');
    await shell.run('freq 30', 'spoke1(config-ip-sla-echo)#');
    expect(state.slaTargets.get(7)).toBe('192.0.2.1 via Cellular0/1/0');
    expect(state.slaFrequency.get(7)).toBe(30);
    await shell.run('exit', 'spoke1(config-ip-sla)#');
    await shell.run('exit', 'spoke1(config)#');
    await shell.run('exit', 'spoke1#');
  });

  it('takes the new hostname into the prompt at once', async () => {
    await privileged();
    await shell.run('conf t', 'spoke1(config)#');
    await shell.run('hostname spoke9', 'spoke9(config)#');
    await shell.run('hostname spoke1', 'spoke1(config)#');
  });

  it('refuses exec commands in user mode at the first word', async () => {
    expect(lines(await shell.run('configure terminal', 'spoke1>'))).toEqual([' '.repeat(7) + '^', INVALID, '']);
  });

  it('ends the session on exit from exec', async () => {
    shell.send('exit\r');
    await shell.waitClosed();
  });

  it('Ctrl-Z and Ctrl-C leave configuration mode', async () => {
    await privileged();
    await shell.run('conf t', 'spoke1(config)#');
    await shell.run('int Tu100', 'spoke1(config-if)#');
    expect(await shell.keys('shut\x1a', 'spoke1#')).toBe('shut^Z\r\nspoke1#');
    expect(state.shutdown.get('Tunnel100')).toBe(true);
    await shell.run('conf t', 'spoke1(config)#');
    expect(await shell.keys('hostn\x03', 'spoke1#')).toBe('hostn^C\r\nspoke1#');
    await shell.run('conf t', 'spoke1(config)#');
    await shell.run('int Tu100', 'spoke1(config-if)#');
    await shell.run('no shut', 'spoke1(config-if)#');
    expect(state.shutdown.get('Tunnel100')).toBe(false);
  });
});

describe('line editing', () => {
  it('echoes, erases with DEL and backspace, accepts CR LF as one Enter', async () => {
    const out = await shell.keys('ping 10.0.0.19\x7f\b1\r\n', 'spoke1>');
    expect(out).toBe('ping 10.0.0.19\b \b\b \b1\r\nping 10.0.0.1 ok\r\nspoke1>');
    // A later Enter gives exactly one more prompt: the LF of CR LF was not a second line.
    expect(await shell.keys('\r', 'spoke1>')).toBe('\r\nspoke1>');
  });
});

describe('abbreviations and IOS errors', () => {
  beforeEach(privileged);

  it('runs abbreviated commands', async () => {
    expect(lines(await shell.run('sh ver', 'spoke1#'))).toEqual(VERSION_LINES);
    expect(lines(await shell.run('sh ip int br', 'spoke1#'))[0]).toMatch(/^GigabitEthernet0\/0 +up$/);
    expect(await shell.run('sh int gi 0/0', 'spoke1#')).toBe('GigabitEthernet0/0 is up\r\n');
  });

  it('ambiguous: the whole line quoted, two spaces after the colon', async () => {
    expect(await shell.run('sh i', 'spoke1#')).toBe('% Ambiguous command:  "sh i"\r\n');
    // `terminal` and `test` both start with t.
    expect(await shell.run('t', 'spoke1#')).toBe('% Ambiguous command:  "t"\r\n');
  });

  it('incomplete: the message and a blank line', async () => {
    expect(await shell.run('show ip', 'spoke1#')).toBe('% Incomplete command.\r\n\r\n');
  });

  it('invalid: caret under the offending word, counted from the prompt', async () => {
    // "spoke1#" is 7 columns; "sh ip " puts the bad word at column 13.
    expect(lines(await shell.run('sh ip ruote', 'spoke1#'))).toEqual([' '.repeat(13) + '^', INVALID, '']);
    expect(lines(await shell.run('ping 10.0.0.256', 'spoke1#'))).toEqual([' '.repeat(12) + '^', INVALID, '']);
    await shell.run('conf t', 'spoke1(config)#');
    // "spoke1(config)#" is 15 columns: numbers out of range are refused at the number.
    expect(lines(await shell.run('track 1001 stub-object', 'spoke1(config)#'))).toEqual([' '.repeat(21) + '^', INVALID, '']);
  });

  it('prints a handler CliError as is, and survives a crashing handler', async () => {
    expect(await shell.run('clear crypto session remote 203.0.113.9', 'spoke1#')).toBe('% No such session\r\n');
    expect(await shell.run('test crash', 'spoke1#')).toBe('% Internal error\r\n');
    expect(lines(await shell.run('sh ver', 'spoke1#'))).toHaveLength(VERSION_LINES.length);
  });
});

describe('config sub-modes', () => {
  beforeEach(async () => {
    await privileged();
    await shell.run('conf t', 'spoke1(config)#');
  });

  it('falls back to the parent mode for a command the sub-mode does not know', async () => {
    await shell.run('interface GigabitEthernet0/0', 'spoke1(config-if)#');
    await shell.run('description  uplink to ISP ', 'spoke1(config-if)#');
    expect(state.descriptions.get('GigabitEthernet0/0')).toBe('uplink to ISP');
    await shell.run('track 9 stub-object', 'spoke1(config-track)#');
    await shell.run('default-state up', 'spoke1(config-track)#');
    await shell.run('interface Cellular0/1/0', 'spoke1(config-if)#');
    await shell.run('shutdown', 'spoke1(config-if)#');
    expect(state.shutdown.get('Cellular0/1/0')).toBe(true);
    await shell.run('no shutdown', 'spoke1(config-if)#');
    // Unknown in every mode: the error, and the sub-mode is kept.
    expect(lines(await shell.run('bogus', 'spoke1(config-if)#'))).toEqual([' '.repeat(18) + '^', INVALID, '']);
  });

  it('runs exec commands with do', async () => {
    expect(await shell.run('do sh run', 'spoke1(config)#')).toBe('hostname spoke1\r\n!\r\nend\r\n');
    expect(lines(await shell.run('do sh ip ruote', 'spoke1(config)#'))).toEqual([' '.repeat(24) + '^', INVALID, '']);
  });
});

describe('paging', () => {
  beforeEach(() => shell.run('enable', 'spoke1#'));

  it('pages at 24 lines: 23 lines then --More--; space, Return, then q', async () => {
    const first = await shell.keys('show version\r', MORE);
    expect(first).toBe(
      `show version\r\n${VERSION_LINES.slice(0, 23)
        .map((l) => `${l}\r\n`)
        .join('')}${MORE}`,
    );
    const page = await shell.keys(' ', MORE);
    expect(page).toBe(
      `${ERASE}${VERSION_LINES.slice(23, 46)
        .map((l) => `${l}\r\n`)
        .join('')}${MORE}`,
    );
    expect(await shell.keys('\r', MORE)).toBe(`${ERASE}${VERSION_LINES[46]}\r\n${MORE}`);
    expect(await shell.keys('q', 'spoke1#')).toBe(`${ERASE}spoke1#`);
  });

  it('runs to the end with space and prints the prompt after the last line', async () => {
    await shell.run('terminal length 30', 'spoke1#');
    await shell.keys('sh ver\r', MORE);
    expect(await shell.keys(' ', 'spoke1#')).toBe(
      `${ERASE}${VERSION_LINES.slice(29)
        .map((l) => `${l}\r\n`)
        .join('')}spoke1#`,
    );
  });

  it('does not page with terminal length 0', async () => {
    await shell.run('term len 0', 'spoke1#');
    const out = await shell.run('show version', 'spoke1#');
    expect(out).not.toContain('More');
    expect(lines(out)).toEqual(VERSION_LINES);
    expect(await shell.run('show terminal', 'spoke1#')).toBe('Length: 0 lines, Width: 80 columns\r\n');
  });
});

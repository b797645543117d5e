/**
 * The lab SSH server itself: logins, host key pinning, exec channels, several
 * sessions and servers at once, dropping sessions, closing.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHostKeyPem } from '../../lab/ssh/host-key.js';
import { startLabSshServer, type LabSshServer } from '../../lab/ssh/server.js';
import { fakeDevice, VERSION_LINES } from './terminal-fake-device.js';
import { closed, connect, execCommand, lines, Shell } from './terminal-ssh-client.js';
import { sshKeyPair } from '../support/ssh-key-pair.js';

const agentKey = sshKeyPair('ed25519');
const strangerKey = sshKeyPair('ed25519');
const rsaKey = sshKeyPair('rsa');
const ADMIN = { username: 'admin', password: 'admin' };
const AGENT = { username: 'agent', privateKey: agentKey.private };

let server: LabSshServer;

beforeAll(async () => {
  server = await startLabSshServer({
    device: fakeDevice(),
    users: [ADMIN, { username: 'agent', authorizedKeys: [agentKey.public, rsaKey.public], privilege: 15 }],
    enableSecret: 'cisco123',
    log: () => {},
  });
});
afterAll(() => server.close());

describe('login', () => {
  it('accepts the password and lands in user exec', async () => {
    const shell = await Shell.open(server.port, ADMIN);
    expect(shell.output).toBe('\r\nspoke1>');
    await shell.close();
  });

  it('refuses a wrong password and an unknown user', async () => {
    await expect(connect(server.port, { username: 'admin', password: 'nope' })).rejects.toThrow(/authentication/i);
    await expect(connect(server.port, { username: 'root', password: 'admin' })).rejects.toThrow(/authentication/i);
  });

  it('accepts an authorized ed25519 or RSA key (privilege 15 lands in #) and refuses others', async () => {
    const shell = await Shell.open(server.port, AGENT);
    expect(shell.output).toBe('\r\nspoke1#');
    await shell.close();
    const rsa = await Shell.open(server.port, { username: 'agent', privateKey: rsaKey.private });
    expect(rsa.output).toBe('\r\nspoke1#');
    await rsa.close();
    await expect(connect(server.port, { username: 'agent', privateKey: strangerKey.private })).rejects.toThrow(/authentication/i);
    // A key is tied to its user.
    await expect(connect(server.port, { username: 'admin', privateKey: agentKey.private })).rejects.toThrow(/authentication/i);
  });

  it('asks for the enable secret without echo; three wrong ones give % Bad secrets', async () => {
    const shell = await Shell.open(server.port, ADMIN);
    expect(await shell.keys('enable\r', 'Password: ')).toBe('enable\r\nPassword: ');
    expect(await shell.keys('wrong\r', 'Password: ')).toBe('\r\nPassword: ');
    await shell.keys('wrong\r', 'Password: ');
    expect(await shell.keys('wrong\r', 'spoke1>')).toBe('\r\n% Bad secrets\r\n\r\nspoke1>');
    await shell.keys('en\r', 'Password: ');
    expect(await shell.keys('cisco123\r', 'spoke1#')).toBe('\r\nspoke1#');
    await shell.close();
  });

  it('serves the host key whose fingerprint it reports, in OpenSSH form', async () => {
    let seen = '';
    const client = await connect(server.port, ADMIN, {
      hostVerifier: (key: Buffer) => {
        seen = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        return true;
      },
    });
    client.end();
    expect(server.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(seen).toBe(server.fingerprint);
  });

  it('keeps a supplied host key', async () => {
    const pem = await generateHostKeyPem();
    const a = await startLabSshServer({ device: fakeDevice(), hostKey: pem });
    const b = await startLabSshServer({ device: fakeDevice(), hostKey: pem });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(server.fingerprint);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('exec channel', () => {
  it('runs one command without paging and closes', async () => {
    const out = await execCommand(server.port, AGENT, 'show version');
    expect(lines(out)).toEqual(VERSION_LINES);
  });

  it('prints IOS errors and respects the privilege level', async () => {
    expect(await execCommand(server.port, AGENT, 'sh i')).toBe('% Ambiguous command:  "sh i"\r\n');
    // user exec has no `show running-config`: refused at `running-config`.
    const refused = await execCommand(server.port, ADMIN, 'show running-config');
    expect(lines(refused)).toEqual([' '.repeat(12) + '^', "% Invalid input detected at '^' marker.", '']);
  });
});

describe('sessions', () => {
  it('serves concurrent sessions, each with its own mode', async () => {
    const own = await startLabSshServer({ device: fakeDevice(), users: [{ ...ADMIN, privilege: 15 }] });
    const shells = await Promise.all(Array.from({ length: 6 }, () => Shell.open(own.port, ADMIN)));
    await Promise.all(
      shells.map(async (shell, i) => {
        if (i % 2 === 0) await shell.run('conf t', 'spoke1(config)#');
        else await shell.run('disable', 'spoke1>');
      }),
    );
    await Promise.all(shells.map((shell, i) => shell.run('', i % 2 === 0 ? 'spoke1(config)#' : 'spoke1>')));
    expect(own.sessionCount).toBe(6);
    await Promise.all(shells.map((shell) => shell.close()));
    await own.close();
    expect(own.sessionCount).toBe(0);
  });

  it('serves several spokes from one process', async () => {
    const device = fakeDevice();
    device.state.hostname = 'spoke2';
    const other = await startLabSshServer({ device });
    expect(other.port).not.toBe(server.port);
    const [one, two] = await Promise.all([Shell.open(server.port, ADMIN), Shell.open(other.port, ADMIN)]);
    expect([one.output, two.output]).toEqual(['\r\nspoke1>', '\r\nspoke2>']);
    await one.close();
    await two.close();
    await other.close();
  });

  it('drops every session on demand, and takes new logins afterwards', async () => {
    const shells = await Promise.all([Shell.open(server.port, ADMIN), Shell.open(server.port, AGENT)]);
    const allClosed = Promise.all(shells.map((s) => closed(s.client)));
    expect(server.dropSessions()).toBeGreaterThanOrEqual(2);
    await allClosed;
    const again = await Shell.open(server.port, ADMIN);
    expect(await again.run('ping 192.0.2.1', 'spoke1>')).toBe('ping 192.0.2.1 ok\r\n');
    await again.close();
  });

  it('closes cleanly with sessions open', async () => {
    const own = await startLabSshServer({ device: fakeDevice() });
    const shell = await Shell.open(own.port, ADMIN);
    const gone = closed(shell.client);
    await own.close();
    await gone;
    await expect(connect(own.port, ADMIN)).rejects.toThrow();
  });
});

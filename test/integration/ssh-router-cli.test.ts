import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshRouterCli, type SshRouterOptions } from '../../agent/adapters/router/ssh-router-cli.js';
import { startLabSshServer } from '../../lab/ssh/server.js';
import { fakeDevice, VERSION_LINES } from '../lab/terminal-fake-device.js';

type Server = Awaited<ReturnType<typeof startLabSshServer>>;

describe('SSH router adapter against the lab terminal (real SSH)', () => {
  const device = fakeDevice();
  let server: Server;
  const clients: SshRouterCli[] = [];
  const cli = (o: Partial<SshRouterOptions> = {}) => {
    const c = new SshRouterCli({
      host: '127.0.0.1', port: server.port, username: 'agent', password: 'secret', hostKeySha256: server.fingerprint,
      connectTimeoutMs: 5000, commandTimeoutMs: 5000, ...o,
    });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startLabSshServer({ device, users: [{ username: 'agent', password: 'secret', privilege: 1 }, { username: 'admin', password: 'admin', privilege: 15 }] });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('runs show commands with paging off, enabling a privilege-1 user, output without echo or prompt', async () => {
    const r = cli();
    expect(await r.show('show version')).toBe(VERSION_LINES.join('\n') + '\n');
    expect(await r.show('sh ver')).toBe(VERSION_LINES.join('\n') + '\n');
  });

  it('serialises concurrent commands on one session', async () => {
    const r = cli();
    const outs = await Promise.all([r.show('show version'), r.show('show ip interface brief'), r.show('show version')]);
    expect(outs[1]).toContain('Cellular0/1/0');
    expect(outs[0]).toBe(outs[2]);
    expect(server.sessionCount).toBeGreaterThan(0);
  });

  it('applies configuration in one config session and returns to exec mode', async () => {
    const r = cli();
    await r.configure(['track 101 stub-object', 'default-state down']);
    expect(device.state.stubTracks.get(101)).toBe('down');
    expect(await r.show('show version')).toContain('version line 1');
  });

  it('reports the line IOS refused, and leaves config mode', async () => {
    const r = cli();
    await expect(r.configure(['track 102 stub-object', 'frobnicate now'])).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR', line: 'frobnicate now' });
    expect(await r.show('show version')).toContain('version line 50');
    await expect(r.show('show bogus')).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
  });

  it('refuses unsafe lines before sending anything', async () => {
    const r = cli();
    await expect(r.configure(['track 103 stub-object', 'default-state up\nreload'])).rejects.toMatchObject({ code: 'ROUTER_UNSAFE_COMMAND' });
    expect(device.state.stubTracks.has(103)).toBe(false);
  });

  it('refuses a router whose host key does not match the pinned one', async () => {
    const r = cli({ hostKeySha256: 'SHA256:' + 'A'.repeat(43) });
    await expect(r.show('show version')).rejects.toMatchObject({ code: 'ROUTER_HOSTKEY_MISMATCH', message: expect.stringContaining(server.fingerprint) });
  });

  it('reports refused credentials without the password', async () => {
    const r = cli({ password: 'wrong-password-xyz' });
    const err = await r.show('show version').catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'ROUTER_AUTH_FAILED' });
    expect(String((err as Error).message)).not.toContain('wrong-password-xyz');
  });

  it('reconnects after the router drops the session', async () => {
    const r = cli({ username: 'admin', password: 'admin' });
    expect(await r.show('show version')).toContain('version line 1');
    server.dropSessions();
    // The next command may race the drop; it either fails as disconnected or succeeds on a new session.
    const next = await r.show('show version').catch((e: { code: string }) => e.code);
    expect([VERSION_LINES.join('\n') + '\n', 'ROUTER_DISCONNECTED']).toContain(next);
    expect(await r.show('show version')).toContain('version line 1');
  });
});

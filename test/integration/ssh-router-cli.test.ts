import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshRouterCli, type SshRouterOptions } from '../../agent/adapters/router/ssh-router-cli.js';
import { routerOutputLimits } from '../../agent/adapters/router/output-limits.js';
import { startLabSshServer } from '../../lab/ssh/server.js';
import { startFloodingRouter, type FloodingRouter } from '../support/flooding-ssh-router.js';
import { fakeDevice, VERSION_LINES } from '../lab/terminal-fake-device.js';

type Server = Awaited<ReturnType<typeof startLabSshServer>>;

describe('SSH router adapter against the lab terminal (real SSH)', () => {
  const device = fakeDevice();
  let server: Server;
  const clients: SshRouterCli[] = [];
  const cli = (o: Partial<SshRouterOptions> = {}) => {
    const c = new SshRouterCli({
      host: '127.0.0.1',
      port: server.port,
      username: 'agent',
      password: 'secret',
      hostKeySha256: server.fingerprint,
      connectTimeoutMs: 5000,
      commandTimeoutMs: 5000,
      ...o,
    });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startLabSshServer({
      device,
      users: [
        { username: 'agent', password: 'secret', privilege: 1 },
        { username: 'admin', password: 'admin', privilege: 15 },
      ],
    });
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
    await expect(r.configure(['track 102 stub-object', 'frobnicate now'])).rejects.toMatchObject({
      code: 'ROUTER_CLI_ERROR',
      line: 'frobnicate now',
    });
    expect(await r.show('show version')).toContain('version line 50');
    await expect(r.show('show bogus')).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
  });

  it('refuses unsafe lines before sending anything', async () => {
    const r = cli();
    await expect(r.configure(['track 103 stub-object', 'default-state up\nreload'])).rejects.toMatchObject({
      code: 'ROUTER_UNSAFE_COMMAND',
    });
    expect(device.state.stubTracks.has(103)).toBe(false);
  });

  it('refuses a router whose host key does not match the pinned one', async () => {
    const r = cli({ hostKeySha256: 'SHA256:' + 'A'.repeat(43) });
    await expect(r.show('show version')).rejects.toMatchObject({
      code: 'ROUTER_HOSTKEY_MISMATCH',
      message: expect.stringContaining(server.fingerprint),
    });
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

describe('SSH router adapter: output limits and paging (flooding router, real SSH)', () => {
  let router: FloodingRouter;
  const clients: SshRouterCli[] = [];
  const cli = (o: Partial<SshRouterOptions> = {}) => {
    const c = new SshRouterCli({
      host: '127.0.0.1',
      port: router.port,
      username: 'agent',
      password: 'agent',
      hostKeySha256: router.fingerprint,
      connectTimeoutMs: 5000,
      commandTimeoutMs: 20_000,
      ...o,
    });
    clients.push(c);
    return c;
  };
  const limits = (maxTableRoutes: number, maxOutputLines = 1000) =>
    routerOutputLimits({ router: { maxOutputBytes: 2 * 1024 * 1024, maxOutputLines }, routes: { maxTableRoutes } });
  beforeAll(async () => {
    router = await startFloodingRouter({ routes: 5000, pages: 3000 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await router.close();
  });

  it('refuses endless output once over the limit, drops that session, and the next command reconnects', async () => {
    const r = cli({ outputLimits: limits(50_000) });
    const opened = router.sessions.opened;
    await expect(r.show('show flood')).rejects.toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE', line: 'show flood' });
    expect(r.connected).toBe(false);
    expect(await r.show('show version')).toBe('spoke1 uptime is 1 hour\n');
    expect(router.sessions.opened).toBe(opened + 2);
  });

  it('gives route tables their limit from routes.maxTableRoutes, not the ordinary one', async () => {
    // 5,000 routes print about 6,500 lines: over the ordinary 1,000, under a 10,000-route table limit.
    expect((await cli({ outputLimits: limits(10_000) }).show('show ip route')).split('\n').length).toBeGreaterThan(6000);
    await expect(cli({ outputLimits: limits(2000) }).show('show ip route')).rejects.toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE' });
  });

  it('answers 3,000 --More-- pages (6 MB) in linear time, well within the command timeout', async () => {
    const r = cli({ outputLimits: () => ({ maxBytes: 16 * 1024 * 1024, maxLines: 100_000 }) });
    const out = await r.show('show paged');
    expect(out.endsWith('last page\n')).toBe(true);
    expect(out).not.toContain('--More--');
    expect(out.length).toBeGreaterThan(3000 * 2000);
  });

  it('bounds a pager that pages forever by the line limit (each page counts as a line)', async () => {
    const r = cli({ outputLimits: () => ({ maxBytes: 1024 * 1024 * 1024, maxLines: 500 }) });
    await expect(r.show('show paged')).rejects.toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE' });
    expect(await r.show('show version')).toBe('spoke1 uptime is 1 hour\n');
  });
});

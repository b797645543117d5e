import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { healthCommand } from '../../agent/cli/health.js';
import { tempDir } from '../support/temp-dir.js';

describe('spokepilot health (the IOx monitor script)', () => {
  let server: Server;
  let port: number;
  const tmp = tempDir();
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    tmp.cleanup();
    await new Promise((resolve) => server.close(resolve));
  });

  it('exits 0 when /healthz answers 2xx, on --port or $SPOKEPILOT_HTTP_PORT', async () => {
    expect(await healthCommand(['--port', String(port)], {})).toBe(0);
    expect(await healthCommand([], { SPOKEPILOT_HTTP_PORT: String(port) })).toBe(0);
  });

  it('takes http_port from the IOx package_config.ini at $CAF_APP_CONFIG_FILE', async () => {
    const ini = join(tmp.dir, 'package_config.ini');
    writeFileSync(ini, `[config]\nfile = /data/appdata/spokepilot.yaml\n\n[agent]\nhttp_port = ${port}\n`);
    expect(await healthCommand([], { CAF_APP_CONFIG_FILE: ini })).toBe(0);
  });

  it('exits 1 when nothing answers and 2 on a bad port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unused = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await healthCommand(['--port', String(unused), '--timeout', '2000'], {})).toBe(1);
    expect(await healthCommand(['--port', 'http'], {})).toBe(2);
  });
});

/** `spokepilot fleet serve` as an operator starts it: the real bin, a real broker, a real database file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { generateSigningKey } from '../../proto/command-signing.js';
import { BIN, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import { birth, state, topic } from '../unit/fleet-server/synthetic-fleet.js';

const tmp = tempDir('spokepilot-serve-');
let broker: EmbeddedBroker;

describe('spokepilot fleet serve', () => {
  beforeAll(async () => {
    broker = await startEmbeddedBroker();
  });
  afterAll(async () => {
    await broker.stop();
    tmp.cleanup();
  });

  it('names bad input', async () => {
    const noBroker = await runCli(['fleet', 'serve', '--db', join(tmp.dir, 'x.db')]);
    expect(noBroker.code).toBe(2);
    expect(noBroker.stderr).toContain('--broker URL is required');
    const noKeyId = await runCli([
      'fleet',
      'serve',
      '--broker',
      broker.url,
      '--operator-key',
      join(tmp.dir, 'k.key'),
      '--db',
      join(tmp.dir, 'x.db'),
    ]);
    expect(noKeyId.stderr).toContain('--operator-key needs --key-id ID');
    const badListen = await runCli(['fleet', 'serve', '--broker', broker.url, '--listen', 'localhost', '--db', join(tmp.dir, 'x.db')]);
    expect(badListen.stderr).toContain('--listen "localhost": expected HOST:PORT');
    const badUrl = await runCli(['fleet', 'serve', '--broker', 'http://x', '--db', join(tmp.dir, 'x.db')]);
    expect(badUrl.stderr).toContain('--broker "http://x": expected mqtt://');
  }, 60_000);

  it('serves the fleet from the broker, prints its address and a first token once', async () => {
    const key = generateSigningKey();
    writeFileSync(join(tmp.dir, 'noc.key'), key.privatePem, { mode: 0o600 });
    const agents = await mqtt.connectAsync(broker.url);
    await agents.publishAsync(topic(5, 'status'), JSON.stringify(birth(Date.now())), { qos: 1, retain: true });
    await agents.publishAsync(topic(5, 'state'), JSON.stringify(state(5, Date.now())), { qos: 1, retain: true });
    await agents.endAsync();
    const db = join(tmp.dir, 'fleet.db');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'fleet',
        'serve',
        '--broker',
        broker.url,
        '--listen',
        '127.0.0.1:0',
        '--db',
        db,
        '--operator-key',
        join(tmp.dir, 'noc.key'),
        '--key-id',
        'noc-1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const url = await waitFor('the address', () => /dashboard on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], 30_000);
      const token = await waitFor('the first token', () => /token "admin" \(may send commands\): (spk_\S+)/.exec(out)?.[1]);
      expect(out).toContain(`open ${url}#token=${token}`);
      const overview = await waitFor('the retained spoke', async () => {
        const r = (await (await fetch(`${url}api/overview`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          rows: { key: string }[];
        };
        return r.rows.length === 1 && r;
      });
      expect(overview.rows[0]!.key).toBe('site0000/r5');
      expect(await (await fetch(`${url}api/me`, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({
        name: 'admin',
        canCommand: true,
        signing: true,
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain('<script src="/app.js" defer></script>');
      const js = await fetch(`${url}app.js`);
      expect(js.headers.get('content-type')).toContain('javascript');
      expect((await js.text()).length).toBeGreaterThan(5000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // A second start with tokens in the database prints none; --new-token adds a view-only one.
    const added = await runCli(['fleet', 'serve', '--db', db, '--new-token', 'bob']);
    expect(added.stdout).toMatch(/^token "bob" \(view only\): spk_\S+\nshown once/);
  }, 60_000);
});

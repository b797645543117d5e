/* eslint-disable @typescript-eslint/no-explicit-any -- the API's JSON answers, read loosely by the assertions that check them */
/**
 * `fleet serve`'s server against a real broker (aedes) and a real SQLite
 * file: publishers stand for the agents (with the contract's payloads), one
 * of them answering commands after checking the server's signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startDashboard, type Dashboard } from '../../agent/fleet/dashboard.js';
import { generateSigningKey, parsePrivateKey, parsePublicKey, verifyCommandSignature } from '../../proto/command-signing.js';
import type { SignedCommand } from '../../proto/commands.js';
import { birth, decisionEvent, state, telemetry, topic } from '../unit/fleet-server/synthetic-fleet.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const tmp = tempDir('spokepilot-dash-');
const key = generateSigningKey();
let broker: EmbeddedBroker;
let dash: Dashboard;
let agents: mqtt.MqttClient;
let viewer: string;
const SPOKES = 20;

const get = async (path: string, token: string | null = dash.token!) => {
  const res = await fetch(new URL(path, dash.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    headers: res.headers,
    body: (res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text()) as Record<string, any>,
  };
};
const post = async (path: string, body: unknown, token = dash.token) => {
  const res = await fetch(new URL(path, dash.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const pub = (t: string, p: unknown, retain = false) => agents.publishAsync(t, JSON.stringify(p), { qos: 1, retain });

describe('fleet serve: state, history, API, live stream and commands', () => {
  beforeAll(async () => {
    broker = await startEmbeddedBroker();
    agents = await mqtt.connectAsync(broker.url, { clientId: 'synthetic-agents' });
    const now = Date.now();
    // Retained before the dashboard starts: it must pick them up on subscribing.
    for (let i = 0; i < SPOKES; i++) {
      await pub(topic(i, 'status'), birth(now - 60_000), true);
      await pub(topic(i, 'state'), state(i, now - 60_000), true);
    }
    dash = await startDashboard({
      brokers: [broker.url],
      root: 'spokepilot/v1',
      dbPath: join(tmp.dir, 'fleet.db'),
      listen: { host: '127.0.0.1', port: 0 },
      signer: { key: parsePrivateKey(key.privatePem), keyId: 'noc-1' },
      bootstrapToken: { name: 'alice', canCommand: true },
    });
    viewer = dash.tokens.create('bob', false);
  });
  afterAll(async () => {
    await dash?.close();
    await agents?.endAsync();
    await broker?.stop();
    tmp.cleanup();
  });

  it('needs a token to view, and keeps only its hash', async () => {
    expect((await get('/api/overview', null)).status).toBe(401);
    expect((await get('/api/overview', 'spk_wrong')).status).toBe(401);
    expect((await get('/', null)).status).toBe(200); // the page itself asks for the token
    const db = new Database(join(tmp.dir, 'fleet.db'), { readonly: true });
    const stored = db.prepare('SELECT name, hash FROM token').all() as { name: string; hash: string }[];
    db.close();
    expect(stored.map((t) => t.name).sort()).toEqual(['alice', 'bob']);
    expect(JSON.stringify(stored)).not.toContain(dash.token!);
    expect(JSON.stringify(stored)).not.toContain(viewer);
  });

  it('shows the retained fleet in the overview, per hub and per spoke', async () => {
    const o = await waitFor('20 spokes', async () => {
      const r = await get('/api/overview');
      return r.body.rows.length === SPOKES && r.body;
    });
    expect(o.counts).toMatchObject({ total: SPOKES, online: SPOKES, offline: 0, backup: 0, override: 0 });
    expect(o.rows.find((r: any) => r.key === 'site0000/r3')).toMatchObject({
      status: 'online',
      hub: '10.0.3.1',
      path: 'fibre',
      version: '0.2.0',
    });
    // The page's first request: the whole fleet's counts, the first rows by key, and how long the server took.
    const first = await get('/api/overview?first=7');
    expect(first.body).toMatchObject({ partial: true, counts: o.counts });
    expect(first.body.rows.map((r: any) => r.key)).toEqual(
      o.rows
        .map((r: any) => r.key)
        .sort()
        .slice(0, 7),
    );
    expect(first.headers.get('server-timing')).toMatch(/^build;dur=\d+(\.\d)?$/);
    expect((await get('/api/overview?first=0')).body.error).toBe('first must be a whole number of rows from 1 to 500, not "0"');
    const hubs = (await get('/api/hubs', viewer)).body.hubs;
    expect(hubs.map((h: any) => [h.hub, h.spokes])).toEqual([
      ['10.0.0.1', 5],
      ['10.0.1.1', 5],
      ['10.0.2.1', 5],
      ['10.0.3.1', 5],
    ]);
    expect((await get('/api/spoke?key=nowhere/none')).status).toBe(404);
  });

  it('streams a change live, records history, and explains the decision in words', async () => {
    const res = await fetch(new URL('/api/live', dash.url), { headers: { authorization: `Bearer ${viewer}` } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const now = Date.now();
    const started = Date.now();
    await pub(topic(7, 'telemetry'), telemetry(now - 3_600_000, 0, 20)); // an hour apart: separate chart buckets
    await pub(topic(7, 'telemetry'), telemetry(now, 40, 25));
    await pub(topic(7, 'state'), state(7, now, true), true);
    await pub(topic(7, 'event'), decisionEvent(now));
    while (!text.includes('"backup":true')) text += (await reader.read()).value ?? '';
    expect(Date.now() - started).toBeLessThan(2000);
    await reader.cancel();
    expect(text).toContain('site0000/r7');
    const page = (await get('/api/spoke?key=site0000/r7')).body;
    expect(page).toMatchObject({ path: 'lte', backup: true, degraded: false });
    expect(page.lastDecision.text).toMatch(/^switch fibre -> lte: fibre went bad at .*loss 40 % over the 20 % threshold/);
    expect(page.decisions[0].text).toContain('loss 40 % over the 20 % threshold');
    expect(page.candidates.find((c: any) => c.id === 'fibre')).toMatchObject({ verdict: 'bad', live: { lossPct: 40, rttMs: 25 } });
    const series = await waitFor('stored samples', async () => {
      const s = (await get('/api/series?key=site0000/r7&range=24h')).body;
      return s.points.length >= 2 && s;
    });
    expect(series.points.filter((p: any) => p.candidate === 'fibre').map((p: any) => p.loss)).toContain(40);
    expect((await get('/api/series?key=site0000/r7&range=1y')).status).toBe(400);
    // In the file, not only in memory.
    const db = new Database(join(tmp.dir, 'fleet.db'), { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM sample WHERE spoke = 'site0000/r7'").get() as { n: number }).n).toBe(4);
    expect((db.prepare("SELECT path FROM spoke WHERE key = 'site0000/r7'").get() as { path: string }).path).toBe('lte');
    db.close();
  });

  it('signs commands on the server, records who sent them and shows the reply', async () => {
    const commands: SignedCommand[] = [];
    const responder = await mqtt.connectAsync(broker.url, { clientId: 'agent-site0000-r2' });
    await responder.subscribeAsync(topic(2, 'cmd'), { qos: 1 });
    responder.on('message', (_t, payload) => {
      const c = JSON.parse(payload.toString()) as SignedCommand;
      commands.push(c);
      const ok = verifyCommandSignature(c, parsePublicKey(key.publicPem)) && c.keyId === 'noc-1';
      void responder.publishAsync(
        topic(2, 'reply'),
        JSON.stringify({
          v: 1,
          id: `r-${c.tx}`,
          ts: Date.now(),
          tx: c.tx,
          cmd: c.cmd,
          ...(ok ? { ok: true, result: { untilMs: c.exp } } : { ok: false, error: { code: 'bad-signature', message: 'no' } }),
        }),
        { qos: 1 },
      );
    });
    try {
      expect(await post('/api/command', { site: 'site0000', node: 'r2', command: 'clear-override' }, viewer)).toMatchObject({
        status: 403,
      });
      expect(
        await post('/api/command', { site: 'site0000', node: 'r2', command: 'force-path', peer: '10.0.2.1', forSec: 0 }),
      ).toMatchObject({ status: 400, body: { error: expect.stringContaining('forSec') } });
      expect(await post('/api/command', { site: 'site0000', node: 'r2', command: 'reboot' })).toMatchObject({
        status: 400,
        body: { error: expect.stringContaining('unknown command "reboot"') },
      });
      const r = await post('/api/command', {
        site: 'site0000',
        node: 'r2',
        command: 'force-path',
        peer: '10.0.2.1',
        source: 'Cellular0/1/0',
        forSec: 3600,
      });
      expect(r).toMatchObject({ status: 200, body: { cmd: 'force-path', reply: { ok: true } } });
      expect(commands[0]).toMatchObject({
        cmd: 'force-path',
        args: { peer: '10.0.2.1', source: 'Cellular0/1/0', forSec: 3600 },
        site: 'site0000',
        node: 'r2',
      });
      expect(commands[0]!.exp - commands[0]!.ts).toBe(60_000);
      const mode = await post('/api/command', { site: 'site0000', node: 'r2', command: 'set-mode', mode: 'dry-run' });
      expect(commands[1]).toMatchObject({ cmd: 'set-policy', args: { policy: { mode: 'dry-run' } } });
      expect(mode.body.reply.ok).toBe(true);
      const page = (await get('/api/spoke?key=site0000/r2')).body;
      expect(page.commands.map((c: any) => [c.cmd, c.sentBy, c.ok])).toEqual([
        ['set-policy', 'alice', true],
        ['force-path', 'alice', true],
      ]);
      expect(page.commands[1].replyText).toMatch(/^done/);
    } finally {
      await responder.endAsync();
    }
  });

  it('exposes the fleet to Prometheus', async () => {
    expect((await get('/metrics', null)).status).toBe(401);
    const text = (await get('/metrics', viewer)).body as unknown as string;
    expect(text).toContain('spokepilot_fleet_spoke_online{site="site0000",node="r1"} 1');
    expect(text).toContain('spokepilot_fleet_spoke_preferred_path{site="site0000",node="r7"} 0');
    expect(text).toContain('spokepilot_fleet_candidate_loss_ratio{site="site0000",node="r7",candidate="fibre"} 0.4');
    expect(text).toMatch(/spokepilot_fleet_spokes\{state="backup_path"\} 1\n/);
  });
});

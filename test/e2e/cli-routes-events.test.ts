import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../agent/adapters/sqlite/journal.js';
import { SqliteRouteHistory } from '../../agent/adapters/sqlite/route-history.js';
import type { Route } from '../../proto/records/routing.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const UTC = { TZ: 'UTC' };
const T1 = Date.parse('2026-11-23T03:00:00Z');
const T2 = Date.parse('2026-11-23T03:12:00Z');
const route = (prefix: string, via: string, iface: string): Route => ({
  family: 'ipv4',
  prefix,
  code: 'S',
  protocol: 'static',
  candidateDefault: false,
  distance: 1,
  metric: 0,
  nextHops: [{ address: via, interface: iface }],
});

describe('spokepilot routes / events (real bin, real database)', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'spokepilot.db');
  beforeAll(async () => {
    const conn = openDatabase(db);
    const history = new SqliteRouteHistory(conn);
    await history.ingest(
      { family: 'ipv4', vrf: '' },
      [route('0.0.0.0/0', '198.51.100.1', 'GigabitEthernet0/0'), route('10.0.0.0/8', '10.64.0.1', 'Tunnel100')],
      T1,
    );
    await history.ingest(
      { family: 'ipv4', vrf: '' },
      [
        route('0.0.0.0/0', '198.51.100.1', 'GigabitEthernet0/0'),
        route('10.0.0.0/8', '10.65.0.1', 'Tunnel200'),
        route('10.9.9.0/24', '10.65.0.1', 'Tunnel200'),
      ],
      T2,
    );
    new SqliteJournal(conn, { maxAgeMs: 1e12, maxRows: 1e6 }).append([
      { tsMs: T1, kind: 'observation', subject: 'track 11', data: { state: 'down' } },
      { tsMs: T2, kind: 'decision', subject: 'peer', data: { to: '192.0.2.2', reason: 'loss' } },
      {
        tsMs: T2 + 1000,
        kind: 'decision',
        subject: 'lte-hub1',
        data: {
          atMs: T2 + 1000,
          action: 'switch',
          from: 'fibre-hub1',
          to: 'lte-hub1',
          dryRun: true,
          reason: {
            code: 'current-bad',
            candidate: 'fibre-hub1',
            sinceMs: T2,
            cause: { kind: 'interface-down', interface: 'GigabitEthernet0/0' },
          },
        },
      },
    ]);
    conn.close();
  });
  afterAll(() => tmp.cleanup());

  it('prints the table as it was at a time', async () => {
    const r = await runCli(['routes', '--db', db, '--at', '2026-11-23T03:05:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('10.0.0.0/8 [1/0] via 10.64.0.1, Tunnel100');
    expect(r.stdout).not.toContain('10.9.9.0/24');
  });

  it('prints what changed since a time, with when', async () => {
    const r = await runCli(['routes', 'diff', '--db', db, '--since', '2026-11-23T03:01:00Z'], { env: UTC });
    expect(r.code).toBe(0);
    // Local time (TZ here), the date since it is not today, and how long ago.
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^2026-11-23 03:12:00 \(.+ ago\) ipv4 global ~ S {5}10\.0\.0\.0\/8 \[1\/0\] via 10\.64\.0\.1, Tunnel100 {2}-> {2}S {5}10\.0\.0\.0\/8 \[1\/0\] via 10\.65\.0\.1, Tunnel200$/,
    );
    expect(lines[1]).toMatch(/^2026-11-23 03:12:00 \(.+\) ipv4 global \+ S {5}10\.9\.9\.0\/24 \[1\/0\] via 10\.65\.0\.1, Tunnel200$/);
  });

  it('looks an address up by longest prefix', async () => {
    const r = await runCli(['routes', 'lookup', '10.9.9.7', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).route.prefix).toBe('10.9.9.0/24');
    const miss = await runCli(['routes', 'lookup', '10.9.9.7', '--db', db, '--at', '2026-11-23T03:05:00Z']);
    expect(miss.stdout).toContain('10.0.0.0/8');
  });

  it('lists journal events by kind and time', async () => {
    const r = await runCli(['events', '--db', db, '--kind', 'decision', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((e: { subject: string }) => e.subject)).toEqual(['peer', 'lte-hub1']);
    // Without --since: the newest entries, oldest first; with it: the first from then.
    const latest = await runCli(['events', '--db', db, '--limit', '1', '--json']);
    expect(JSON.parse(latest.stdout).map((e: { subject: string }) => e.subject)).toEqual(['lte-hub1']);
    const fromStart = await runCli(['events', '--db', db, '--limit', '1', '--since', String(T1), '--json']);
    expect(JSON.parse(fromStart.stdout).map((e: { subject: string }) => e.subject)).toEqual(['track 11']);
  });

  it('prints decisions in words, local times, dry-run marked; --json keeps the epoch data', async () => {
    const r = await runCli(['events', '--db', db, '--kind', 'decision', '--limit', '1'], { env: UTC });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(
      /^2026-11-23 03:12:01 \(.+ ago\) +decision {5}lte-hub1 {2}switch fibre-hub1 -> lte-hub1 \[dry-run: not applied\]: fibre-hub1 went bad at 2026-11-23 03:12:00 \(.+ ago\): interface GigabitEthernet0\/0 is down$/,
    );
    const json = await runCli(['events', '--db', db, '--kind', 'decision', '--limit', '1', '--json']);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ tsMs: T2 + 1000, data: { dryRun: true, reason: { code: 'current-bad' } } });
    // A stopped agent: status reads its last decisions from the database, in the same words.
    const status = await runCli(['status', '--db', db, '--port', '1'], { env: UTC });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('the agent does not answer on 127.0.0.1:1; its last decisions:');
    expect(status.stdout).toContain('switch fibre-hub1 -> lte-hub1 [dry-run: not applied]');
  });

  it('names the problem with bad input, with exit code 2', async () => {
    const r = await runCli(['routes', '--db', db, '--at', 'yesterday-ish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read time "yesterday-ish"');
    const notAnAddress = await runCli(['routes', 'lookup', '300.1.1.1', '--db', db]);
    expect(notAnAddress.code).toBe(2);
    expect(notAnAddress.stderr).toContain('"300.1.1.1" is not an IPv4 or IPv6 address');
    const badKind = await runCli(['events', '--db', db, '--kind', 'bogus']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toMatch(/no entries of kind "bogus" in this journal; its kinds: decision, observation/);
    const missing = await runCli(['events', '--db', join(tmp.dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no database at');
  });
});

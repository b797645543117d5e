import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../support/corpus-texts.js';
import { openDatabase } from '../../../agent/adapters/sqlite/database.js';
import { RouteIngester } from '../../../agent/adapters/sqlite/route-ingester.js';
import { SqliteRouteQueries } from '../../../agent/adapters/sqlite/route-queries.js';
import { generateRouteTable } from '../../../bench/support/route-table.js';
import { tempDir } from '../../support/temp-dir.js';

describe('route ingester (worker thread, real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let ingester: RouteIngester | undefined;
  beforeEach(() => {
    tmp = tempDir();
    dbPath = join(tmp.dir, 'agent.db');
    openDatabase(dbPath).close(); // schema in place before the worker and readers open it
  });
  afterEach(async () => {
    await ingester?.close();
    tmp.cleanup();
  });

  it('parses and stores a table in the worker, then reports only what changed', async () => {
    ingester = new RouteIngester({ dbPath, sliceRows: 500 });
    const text = generateRouteTable(5000);
    const first = await ingester.ingestText('show ip route', text, 1000);
    expect(first.parseWarnings).toBe(0);
    expect(first.tables[0]!.summary).toMatchObject({ table: { family: 'ipv4', vrf: '' }, routeCount: 5000, added: 5000 });
    const changedText = text.replace('B        10.0.1.0/24 [200/0] via 10.255.0.1', 'B        10.0.1.0/24 [200/0] via 10.255.0.2');
    const second = await ingester.ingestText('show ip route', changedText, 2000);
    expect(second.tables[0]!.summary).toMatchObject({ routeCount: 5000, added: 0, removed: 0, changed: 1 });
    const queries = new SqliteRouteQueries(openDatabase(dbPath, { readonly: true }));
    expect(queries.tableAt({ family: 'ipv4', vrf: '' }).routes).toHaveLength(5000);
    expect(queries.diffSince(1500).map((c) => `${c.prefix} ${c.change}`)).toEqual(['10.0.1.0/24 changed']);
  });

  it('stores a VRF table under its VRF and checks expectations in the worker', async () => {
    ingester = new RouteIngester({
      dbPath,
      expectations: { required: [{ prefix: '10.0.0.0/8', vrf: 'BLUE' }], allowed: [{ prefix: '10.0.0.0/8', maxLength: 16, vrf: 'BLUE' }] },
    });
    const text =
      'Routing Table: BLUE\n\n      10.0.0.0/8 is variably subnetted, 1 subnets, 1 masks\nB        10.1.2.0/24 [200/0] via 10.255.0.1, 00:01:00\n';
    const out = await ingester.ingestText('show ip route vrf BLUE', text, 1000);
    expect(out.tables[0]!.summary.table).toEqual({ family: 'ipv4', vrf: 'BLUE' });
    expect(out.tables[0]!.violations.listed.map((v) => `${v.kind} ${v.prefix}`)).toEqual(['missing 10.0.0.0/8', 'unexpected 10.1.2.0/24']);
  });

  it('keeps the subnets hubs pushed by IKEv2 routing as their own tables (corpus output)', async () => {
    ingester = new RouteIngester({ dbPath });
    const text = readFileSync(
      join(CORPUS_DIR, 'genieparser/show_crypto_ikev2_sa_detailed/iosxe/ShowCryptoIkev2SaDetail/golden_output2_output.txt'),
      'utf8',
    );
    const out = await ingester.ingestText('show crypto ikev2 sa detailed', text, 1000);
    const pushed = out.tables.find((t) => t.summary.table.vrf === '121')!;
    expect(pushed.summary).toMatchObject({ table: { family: 'ipv4', vrf: '121', source: 'ikev2' }, added: 5 });
    const queries = new SqliteRouteQueries(openDatabase(dbPath, { readonly: true }));
    const routes = queries
      .tableAt({ family: 'ipv4', vrf: '121', source: 'ikev2' })
      .routes.map((r) => `${r.route.prefix} via ${r.route.nextHops[0]!.address}`);
    expect(routes).toContain('10.0.0.0/8 via 22.1.1.2');
    expect(queries.tableAt({ family: 'ipv4', vrf: '121' }).snapshot).toBeUndefined(); // the RIB table is another table
    // The hub stops pushing: the next read records the subnets as removed.
    const gone = await ingester.ingestText('show crypto ikev2 sa detailed', '', 2000);
    expect(gone.tables.find((t) => t.summary.table.vrf === '')!.summary.routeCount).toBe(0);
  });

  it('refuses a filtered view, which is not a whole table', async () => {
    ingester = new RouteIngester({ dbPath });
    await expect(ingester.ingestText('show ip route bgp', '', 1000)).rejects.toMatchObject({ code: 'STORE_BAD_INPUT' });
    // The other partial views the grammar reads (issue 18) are refused alike.
    for (const view of ['show ip route 10.0.0.0 255.0.0.0 longer-prefixes', 'show ip route supernets-only'])
      await expect(ingester.ingestText(view, '', 1000)).rejects.toMatchObject({ code: 'STORE_BAD_INPUT' });
  });

  it('lets a newer read of a table supersede one still waiting', async () => {
    ingester = new RouteIngester({ dbPath });
    const text = generateRouteTable(3000);
    const running = ingester.ingestText('show ip route', text, 1000);
    const stale = ingester.ingestText('show ip route', text, 2000).catch((e: unknown) => e);
    const fresh = ingester.ingestText('show ip route', text, 3000);
    expect(await stale).toMatchObject({ code: 'STORE_SUPERSEDED' });
    await running;
    expect((await fresh).tables[0]!.summary.tsMs).toBe(3000);
    expect(ingester.superseded).toBe(1);
  });

  it('takes a table too big for one message in parts, one per turn of the loop, and stores it whole', async () => {
    ingester = new RouteIngester({ dbPath });
    const text = generateRouteTable(40_000);
    expect(text.length).toBeGreaterThan(2 * 2 ** 20); // three parts at least
    const out = await ingester.ingestText('show ip route', text, 1000);
    expect(out.parseWarnings).toBe(0);
    expect(out.tables[0]!.summary).toMatchObject({ routeCount: 40_000, added: 40_000 });
  });

  it('refuses a table longer than the limit before the worker parses it, and takes the next one', async () => {
    ingester = new RouteIngester({ dbPath, maxTableLines: 1000 });
    await expect(ingester.ingestText('show ip route', generateRouteTable(2000), 1000)).rejects.toMatchObject({
      code: 'STORE_TABLE_TOO_LARGE',
    });
    const small = await ingester.ingestText('show ip route', generateRouteTable(500), 2000);
    expect(small.tables[0]!.summary.routeCount).toBe(500);
    // The limit counts routes, not lines: 900 routes, 30 % of them with a second path on its own line.
    const ecmp = generateRouteTable(900);
    expect(ecmp.split('\n').length).toBeGreaterThan(1100);
    const taken = await ingester.ingestText('show ip route', ecmp, 3000);
    expect(taken.tables[0]!.summary.routeCount).toBe(900);
  });

  it('replaces a worker that died: the request it held fails, the next one is served', async () => {
    ingester = new RouteIngester({ dbPath });
    const held = ingester.ingestText('show ip route', generateRouteTable(20_000), 1000);
    await (ingester as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(held).rejects.toMatchObject({ code: 'STORE_FAILED' });
    const next = await ingester.ingestText('show ip route', generateRouteTable(500), 2000);
    expect(next.tables[0]!.summary.routeCount).toBe(500);
    expect(ingester.restarts).toBe(1);
  });
});

import { parseArgs } from 'node:util';
import { SqliteRouteQueries } from '../adapters/sqlite/route-queries.js';
import type { TableId } from '../adapters/sqlite/route-key.js';
import { parseIpv4, parseIpv6 } from '../core/prefix.js';
import { PrefixIndex } from '../core/route-lookup.js';
import { resolveDbPath } from './db-path.js';
import { when } from './human/time.js';
import { cliArgs } from './cli-args.js';
import { openForQuery } from './open-store.js';
import { formatCachedRoute, formatChange, formatRoute, tableName } from './route-format.js';
import { parseTimeArg } from './time-arg.js';
import { describeError } from '../../proto/coded-error.js';

const USAGE = `Usage:
  spokepilot routes [--vrf NAME] [--ipv6] [--pushed] [--at TIME] [--json] [--db PATH]
      the cached routing table (now, or as it was at TIME); --pushed: the
      subnets the hubs pushed by IKEv2 routing instead of the routing table
  spokepilot routes diff --since TIME [--vrf NAME] [--ipv6] [--json] [--db PATH]
      every route added, removed or changed since TIME, with when
  spokepilot routes lookup ADDRESS [--vrf NAME] [--at TIME] [--json] [--db PATH]
      longest-prefix match of ADDRESS in the cached table

TIME: ISO 8601 (2026-11-23T03:12Z), an age (15m, 2h, 3d), or epoch ms.
The database is --db, else $SPOKEPILOT_DB, else $CAF_APP_PERSISTENT_DIR/spokepilot.db, else ./data/spokepilot.db.`;

export async function routesCommand(argv: string[], nowMs = Date.now()): Promise<number> {
  const parsed = cliArgs(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          vrf: { type: 'string' },
          ipv6: { type: 'boolean' },
          pushed: { type: 'boolean' },
          at: { type: 'string' },
          since: { type: 'string' },
          json: { type: 'boolean' },
          db: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
    'routes',
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [sub, ...rest] = positionals;
  const table: TableId = {
    family: values.ipv6 || (sub === 'lookup' && rest[0]?.includes(':')) ? 'ipv6' : 'ipv4',
    vrf: values.vrf ?? '',
    ...(values.pushed ? { source: 'ikev2' as const } : {}),
  };
  const time = (flag: string, text: string | undefined): number | undefined | null => {
    if (text === undefined) return undefined;
    const t = parseTimeArg(text, nowMs);
    if (typeof t === 'number') return t;
    console.error(`spokepilot routes: --${flag}: ${t.error}`);
    return null;
  };
  const at = time('at', values.at);
  const since = time('since', values.since);
  if (at === null || since === null) return 2;
  if (sub !== undefined && sub !== 'diff' && sub !== 'lookup') {
    console.error(`spokepilot routes: unknown subcommand "${sub}"\n\n${USAGE}`);
    return 2;
  }
  if (sub === 'diff' && since === undefined) {
    console.error(`spokepilot routes diff: --since TIME is required\n\n${USAGE}`);
    return 2;
  }
  if (sub === 'lookup' && rest.length !== 1) {
    console.error(`spokepilot routes lookup: give exactly one ADDRESS\n\n${USAGE}`);
    return 2;
  }
  if (sub === 'lookup' && parseIpv4(rest[0]!) === undefined && parseIpv6(rest[0]!) === undefined) {
    console.error(`spokepilot routes lookup: "${rest[0]}" is not an IPv4 or IPv6 address`);
    return 2;
  }
  if (sub !== 'lookup' && rest.length > 0) {
    console.error(`spokepilot routes: unexpected argument "${rest[0]}"\n\n${USAGE}`);
    return 2;
  }

  const db = openForQuery(resolveDbPath(values.db), 'routes');
  if (!db) return 1;
  try {
    const queries = new SqliteRouteQueries(db);
    if (sub === 'diff') {
      const changes = queries.diffSince(since!, values.vrf !== undefined || values.ipv6 || values.pushed ? table : undefined);
      if (values.json) console.log(JSON.stringify(changes, null, 2));
      else if (changes.length === 0) console.log(`No route changes since ${when(since!, nowMs)}.`);
      else for (const c of changes) console.log(formatChange(c, nowMs));
      return 0;
    }
    const { snapshot, routes } = queries.tableAt(table, at);
    if (!snapshot) {
      console.error(`spokepilot routes: no ${tableName(table)} table cached${at !== undefined ? ` at or before ${when(at, nowMs)}` : ''}`);
      return 1;
    }
    if (sub === 'lookup') {
      const address = rest[0]!;
      const index = new PrefixIndex(routes.map((c) => c.route));
      const hit = index.lookup(address);
      if (values.json) console.log(JSON.stringify({ address, snapshotMs: snapshot.tsMs, route: hit ?? null }, null, 2));
      else console.log(hit ? formatRoute(hit) : `% No route to ${address} in ${tableName(table)} (as of ${when(snapshot.tsMs, nowMs)})`);
      return hit ? 0 : 1;
    }
    if (values.json) {
      console.log(JSON.stringify({ table, snapshot, routes }, null, 2));
      return 0;
    }
    console.log(`${tableName(table)} as read at ${when(snapshot.tsMs, nowMs)}: ${snapshot.routeCount} routes`);
    for (const c of routes) console.log(formatCachedRoute(c));
    return 0;
  } catch (err) {
    const { code, message } = describeError(err);
    console.error(`spokepilot routes: ${code ?? 'error'}: ${message}`);
    return 1;
  } finally {
    db.close();
  }
}

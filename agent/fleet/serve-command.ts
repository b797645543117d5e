/** `spokepilot fleet serve`: the operator's web dashboard. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tlsFromFiles } from '../adapters/mqtt/mqtt-options.js';
import { redactUrlUserinfo } from '../config/issue-text.js';
import { jsonLogger } from '../ports/logger.js';
import { parsePrivateKey } from '../../proto/command-signing.js';
import { checkRoot, DEFAULT_ROOT } from '../../proto/topics.js';
import { AccessTokens } from './access.js';
import { startDashboard } from './dashboard.js';
import { openFleetDb } from './fleet-db.js';
import type { Signer } from './fleet-service.js';

const USAGE = `Usage:
  spokepilot fleet serve --broker URL[,URL...] [--listen 127.0.0.1:8088] [--db fleet.db]
                         [--operator-key FILE --key-id ID] [--root R]
  spokepilot fleet serve --db fleet.db --new-token NAME [--commands]

A web dashboard of the fleet: overview, per-hub view, spoke pages with
history (quality 7 days, events 30 days, kept in the --db SQLite file), a
live stream, /metrics for Prometheus, and signed commands when started with
the operator's private key (it stays on the server; --key-id is the id the
agents' config gives its public key).
Viewing needs a token; sending commands a token made with --commands. The
first start with an empty database makes one ("admin", with the command
right when a key is given) and prints it once; --new-token adds or replaces one.
Connection: --tls-ca FILE --tls-cert FILE --tls-key FILE, --username U,
--password P (or SPOKEPILOT_MQTT_PASSWORD), --mqtt5.`;

const OPTIONS = {
  broker: { type: 'string' },
  listen: { type: 'string', default: '127.0.0.1:8088' },
  db: { type: 'string', default: 'fleet.db' },
  'operator-key': { type: 'string' },
  'key-id': { type: 'string' },
  root: { type: 'string', default: DEFAULT_ROOT },
  'new-token': { type: 'string' },
  commands: { type: 'boolean' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  mqtt5: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const fail = (message: string): number => {
  console.error(`spokepilot fleet serve: ${message}`);
  return 2;
};

/** "127.0.0.1:8088", "[::1]:8088", ":8088" (loopback). */
export function parseListen(text: string): { host: string; port: number } | string {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  if (!m || port > 65_535) return `--listen "${text}": expected HOST:PORT, e.g. 127.0.0.1:8088`;
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

export async function serveCommand(argv: string[]): Promise<number> {
  let v;
  try {
    v = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values;
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (v['new-token']) {
    const db = openFleetDb(v.db);
    try {
      const token = new AccessTokens(db).create(v['new-token'], v.commands === true);
      console.log(
        `token "${v['new-token']}"${v.commands ? ' (may send commands)' : ' (view only)'}: ${token}\nshown once: only its hash is kept in ${v.db}`,
      );
      return 0;
    } catch (err) {
      return fail((err as Error).message);
    } finally {
      db.close();
    }
  }
  if (!v.broker) return fail(`--broker URL is required\n\n${USAGE}`);
  const brokers = v.broker
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of brokers)
    if (!/^(mqtts?|wss?|tcp|ssl):\/\//.test(u))
      return fail(`--broker "${redactUrlUserinfo(u)}": expected mqtt://, mqtts://, ws:// or wss://`);
  const listen = parseListen(v.listen);
  if (typeof listen === 'string') return fail(listen);
  try {
    checkRoot(v.root);
  } catch (err) {
    return fail((err as Error).message);
  }
  let signer: Signer | undefined;
  if (v['operator-key']) {
    if (!v['key-id']) return fail("--operator-key needs --key-id ID: the id the agents' commandKeys give its public key");
    try {
      signer = { key: parsePrivateKey(readFileSync(v['operator-key'], 'utf8')), keyId: v['key-id'] };
    } catch (err) {
      return fail(`cannot read the operator key ${v['operator-key']}: ${(err as Error).message}`);
    }
  }
  const password = v.password ?? process.env.SPOKEPILOT_MQTT_PASSWORD;
  let tls;
  try {
    tls = v['tls-ca'] || v['tls-cert'] ? tlsFromFiles({ caFile: v['tls-ca'], certFile: v['tls-cert'], keyFile: v['tls-key'] }) : undefined;
  } catch (err) {
    return fail(`cannot read a TLS file: ${(err as Error).message}`);
  }
  const firstStart = (() => {
    const db = openFleetDb(v.db);
    try {
      return new AccessTokens(db).count() === 0;
    } finally {
      db.close();
    }
  })();
  let dashboard;
  try {
    dashboard = await startDashboard({
      brokers,
      root: v.root,
      dbPath: v.db,
      listen,
      ...(signer ? { signer } : {}),
      brokerSettings: {
        protocolVersion: v.mqtt5 ? 5 : 4,
        backoff: { baseMs: 500, capMs: 10_000 },
        ...(v.username ? { username: v.username } : {}),
        ...(password ? { password } : {}),
        ...(tls ? { tls } : {}),
      },
      log: jsonLogger((line) => process.stderr.write(line + '\n'), 'warn', 'dashboard'),
      ...(firstStart ? { bootstrapToken: { name: 'admin', canCommand: signer !== undefined } } : {}),
    });
  } catch (err) {
    return fail((err as Error).message);
  }
  console.log(
    `spokepilot dashboard on ${dashboard.url} (fleet from ${brokers.map(redactUrlUserinfo).join(', ')}; history in ${v.db}${signer ? `; commands signed as ${signer.keyId}` : '; view only: no --operator-key'})`,
  );
  if (dashboard.token)
    console.log(
      `first start: token "admin"${signer ? ' (may send commands)' : ''}: ${dashboard.token}\nopen ${dashboard.url}#token=${dashboard.token} (shown once; only its hash is kept)`,
    );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await dashboard.close();
  return 0;
}

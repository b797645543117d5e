/**
 * The dashboard put together: the SQLite file, the feed from the brokers, the
 * service and the HTTP server. Used by `spokepilot fleet serve`, the demo,
 * the tests and the bench.
 */
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../ports/logger.js';
import { AccessTokens } from './access.js';
import { FleetStore, openFleetDb } from './fleet-db.js';
import { startFleetFeed, type BrokerSettings } from './fleet-feed.js';
import { FleetService, type Signer } from './fleet-service.js';
import { createDashboardServer } from './http-api.js';
import { loadWebAssets } from './web-assets.js';

export interface DashboardOptions {
  brokers: string[];
  root: string;
  dbPath: string;
  listen: { host: string; port: number };
  signer?: Signer;
  brokerSettings?: BrokerSettings;
  log?: Logger;
  /** Creates this token (name, with the command right or not) at start and returns it: the demo's and tests' way in. */
  bootstrapToken?: { name: string; canCommand: boolean };
  /** The spokes' clock when it is not this machine's (the demo's lab plays at --speed): the page's times and ages are read against it. */
  spokeClock?: SpokeClock;
}

/**
 * A clock the spokes keep that runs `speed` times as fast as this machine's
 * (the demo's lab): without it a demo decision read "went bad at 04:49:05 (in
 * 50 s)". `note` says so on the page, in words a newcomer reads.
 */
export interface SpokeClock {
  now(): number;
  speed: number;
  note: string;
}

export interface Dashboard {
  url: string;
  service: FleetService;
  tokens: AccessTokens;
  token?: string;
  close(): Promise<void>;
}

export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const db = openFleetDb(o.dbPath);
  const store = new FleetStore(db);
  const tokens = new AccessTokens(db);
  const token = o.bootstrapToken ? tokens.create(o.bootstrapToken.name, o.bootstrapToken.canCommand) : undefined;
  const service = new FleetService(o.root, store, Date.now, (o.log ?? silentLogger).child('dashboard'), o.spokeClock?.now);
  const assets = await loadWebAssets();
  service.start();
  const feed = await startFleetFeed({
    urls: o.brokers,
    root: o.root,
    settings: o.brokerSettings ?? { backoff: { baseMs: 500, capMs: 10_000 } },
    log: o.log ?? silentLogger,
    onMessage: (topic, payload) => service.onMessage(topic, payload),
  });
  const server = createDashboardServer({
    service,
    tokens,
    assets,
    ...(o.signer ? { signer: o.signer } : {}),
    publish: (topic, payload) => feed.publish(topic, payload),
    brokersConnected: () => feed.connectedCount(),
    ...(o.spokeClock ? { spokeClock: o.spokeClock } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`cannot listen on ${o.listen.host}:${o.listen.port}: ${err.code ?? err.message}`)),
    );
    server.listen(o.listen.port, o.listen.host, () => resolve());
  }).catch(async (err) => {
    service.stop();
    await feed.close();
    db.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.listen.host.includes(':') ? `[${o.listen.host}]` : o.listen.host;
  return {
    url: `http://${host}:${port}/`,
    service,
    tokens,
    ...(token ? { token } : {}),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await feed.close();
      service.stop();
      db.close();
    },
  };
}

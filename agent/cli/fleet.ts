import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MqttBroker } from '../adapters/mqtt/mqtt-broker.js';
import { tlsFromFiles, type MqttBrokerOptions } from '../adapters/mqtt/mqtt-options.js';
import { redactUrlUserinfo } from '../config/issue-text.js';
import type { Logger } from '../ports/logger.js';
import { buildSignedCommand, generateSigningKey, parsePrivateKey } from '../../proto/command-signing.js';
import { isCommandName, MAX_COMMAND_LIFETIME_MS, type SignedCommand } from '../../proto/commands.js';
import { DEFAULT_ROOT, fleetFilter, nodeTopics } from '../../proto/topics.js';
import { SNAPSHOT_LIMITS } from '../../proto/snapshot.js';
import { noReplyMessage, type SendWatch } from './no-reply.js';
import { cliArgs } from './cli-args.js';

const USAGE = `Usage:
  spokepilot fleet --broker URL[,URL...] [--root R] [--site S] [--json] [--once [--timeout SEC]]
                   [--spread SEC | --no-snapshot]      live view of every node
  spokepilot fleet keygen --out NAME                   Ed25519 key pair: NAME.key (keep secret), NAME.pub (for the agents' config)
  spokepilot fleet sign --key FILE --key-id ID --site S --node N --cmd CMD [--args JSON] [--ttl SEC]
  spokepilot fleet send --broker URL ...same as sign... [--timeout SEC]   sign, publish, print the reply
  spokepilot fleet serve --broker URL[,URL...] [--listen ADDR:PORT] ...   the web dashboard (serve --help)

Connection: --tls-ca FILE --tls-cert FILE --tls-key FILE (mutual TLS), --username U,
--password P (or SPOKEPILOT_MQTT_PASSWORD), --mqtt5.
The view shows status (stale Wills ignored), active peer and WAN, candidates'
health (! = suppressed), the last event and how long ago. --json prints one
snapshot per update (one line each); --once prints one snapshot and exits
(1 when the broker cannot be reached within --timeout, default 10 s).
On every connection the view sends the fleet-wide snapshot request: every
agent publishes its birth and state again within --spread seconds (default 2;
about fleet size / 500 for a large fleet), so it fills in on brokers that keep
no retained messages for wildcards (RabbitMQ); --once waits for the spread.
--no-snapshot relies on retained messages alone. Several --broker URLs (a
cluster's nodes, comma-separated) are failed over in turn.`;

const OPTIONS = {
  broker: { type: 'string' },
  root: { type: 'string' },
  site: { type: 'string' },
  node: { type: 'string' },
  json: { type: 'boolean' },
  once: { type: 'boolean' },
  out: { type: 'string' },
  key: { type: 'string' },
  'key-id': { type: 'string' },
  cmd: { type: 'string' },
  args: { type: 'string' },
  ttl: { type: 'string' },
  timeout: { type: 'string' },
  tx: { type: 'string' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  mqtt5: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  spread: { type: 'string' },
  'no-snapshot': { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** How long --once and send wait for the broker to accept the connection. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A logger that keeps the broker adapter's last connection error, to say why the broker could not be reached. */
function lastErrorLogger(): { log: Logger; last: () => string | undefined } {
  let last: string | undefined;
  const log: Logger = {
    debug() {},
    info() {},
    error(_e, f) {
      if (f?.error) last = String(f.error);
    },
    warn(_e, f) {
      if (f?.error) last = String(f.error);
    },
    child: () => log,
  };
  return { log, last: () => last };
}

/** Rejects unless the broker connects within the time: an unreachable broker is named, never waited on forever. */
function connectedWithin(broker: MqttBroker, ms: number, url: string, lastError: () => string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (broker.connected) {
      resolve();
      return;
    }
    const timer = setTimeout(
      () =>
        reject(
          new Error(`cannot reach the broker at ${redactUrlUserinfo(url)} within ${ms / 1000} s${lastError() ? ` (${lastError()})` : ''}`),
        ),
      ms,
    );
    broker.onConnect(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const fail = (message: string): number => {
  console.error(`spokepilot fleet: ${message}`);
  return 2;
};

function brokerOptions(v: Values, clientPrefix: string): MqttBrokerOptions {
  const password = v.password ?? process.env.SPOKEPILOT_MQTT_PASSWORD;
  const urls = v
    .broker!.split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  return {
    url: urls[0] ?? v.broker!,
    ...(urls.length > 1 ? { urls } : {}),
    clientId: `${clientPrefix}-${randomBytes(4).toString('hex')}`,
    protocolVersion: v.mqtt5 ? 5 : 4,
    ...(v.username ? { username: v.username } : {}),
    ...(password ? { password } : {}),
    ...(v['tls-ca'] || v['tls-cert'] ? { tls: tlsFromFiles({ caFile: v['tls-ca'], certFile: v['tls-cert'], keyFile: v['tls-key'] }) } : {}),
    backoff: { baseMs: 500, capMs: 10_000 },
  };
}

export async function fleetCommand(argv: string[]): Promise<number> {
  // The dashboard has options of its own (agent/fleet/serve-command.ts).
  if (argv[0] === 'serve') return (await import('../fleet/serve-command.js')).serveCommand(argv.slice(1));
  const parsed = cliArgs(() => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }), USAGE, 'fleet');
  if (!parsed) return 2;
  const { values: v, positionals } = parsed;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  const sub = positionals[0];
  switch (sub) {
    case undefined:
      return view(v);
    case 'keygen':
      return keygen(v);
    case 'sign': {
      const c = signFromArgs(v);
      if (typeof c === 'string') return fail(c);
      console.log(JSON.stringify(c));
      return 0;
    }
    case 'send':
      return send(v);
    default:
      return fail(`unknown subcommand "${sub}"\n\n${USAGE}`);
  }
}

function keygen(v: Values): number {
  if (!v.out) return fail('keygen needs --out NAME');
  const k = generateSigningKey();
  writeFileSync(`${v.out}.key`, k.privatePem, { mode: 0o600 });
  writeFileSync(`${v.out}.pub`, k.publicPem);
  console.log(`wrote ${v.out}.key (private: keep it off the routers) and ${v.out}.pub; raw public key: ${k.publicRaw}`);
  return 0;
}

function signFromArgs(v: Values): SignedCommand | string {
  for (const need of ['key', 'key-id', 'site', 'node', 'cmd'] as const) if (!v[need]) return `sign needs --${need}`;
  if (!isCommandName(v.cmd)) return `unknown command "${v.cmd}"`;
  let args: Record<string, unknown>;
  try {
    args = v.args ? JSON.parse(v.args) : {};
  } catch {
    return '--args must be a JSON object';
  }
  const ttlSec = v.ttl === undefined ? 60 : Number(v.ttl);
  if (!Number.isInteger(ttlSec) || ttlSec < 1) return '--ttl must be a positive integer';
  // The agent refuses a longer lifetime (lifetime-too-long): do not sign what it will refuse.
  if (ttlSec * 1000 > MAX_COMMAND_LIFETIME_MS)
    return `--ttl ${ttlSec}: agents accept commands living at most ${MAX_COMMAND_LIFETIME_MS / 1000} s`;
  let key;
  try {
    key = parsePrivateKey(readFileSync(v.key!, 'utf8'));
  } catch (err) {
    return `cannot read the private key ${v.key}: ${(err as Error).message}`;
  }
  return buildSignedCommand(
    {
      site: v.site!,
      node: v.node!,
      cmd: v.cmd,
      args: args as never,
      keyId: v['key-id']!,
      nowMs: Date.now(),
      ttlSec,
      ...(v.tx ? { tx: v.tx } : {}),
    },
    key,
  );
}

async function send(v: Values): Promise<number> {
  if (!v.broker) return fail('send needs --broker URL');
  const c = signFromArgs(v);
  if (typeof c === 'string') return fail(c);
  const topics = nodeTopics(v.root ?? DEFAULT_ROOT, { site: c.site, node: c.node });
  const errors = lastErrorLogger();
  // mqtt.js only for the commands that talk to a broker: sign and keygen start without it.
  const { MqttBroker } = await import('../adapters/mqtt/mqtt-broker.js');
  const broker = new MqttBroker(brokerOptions(v, 'spokepilot-send'), errors.log);
  const timeoutMs = (v.timeout === undefined ? 30 : Number(v.timeout)) * 1000;
  try {
    const connected = connectedWithin(broker, Math.min(CONNECT_TIMEOUT_MS, timeoutMs), v.broker, errors.last);
    const watch: SendWatch = { acked: false, lostBroker: false };
    const reply = await new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      // Unreachable: said at the connect deadline, and the reply's timer must not keep the process alive after it.
      connected.catch((err: unknown) => {
        clearTimeout(timer);
        reject(err);
      });
      broker.onMessage((m) => {
        try {
          const r = JSON.parse(m.payload.toString());
          if (m.topic === topics.status) watch.status = r as SendWatch['status'];
          if (m.topic === topics.reply && r.tx === c.tx) {
            clearTimeout(timer);
            resolve(r);
          }
        } catch {
          /* not ours */
        }
      });
      // The reply subscription is renewed on connect before this handler runs, so it is in place first.
      broker.onConnect(() => {
        void broker.publish({ topic: topics.cmd, payload: JSON.stringify(c), qos: 1 }).then(
          () => {
            watch.acked = true;
          },
          () => undefined,
        ); // not acked: the no-reply message says so
      });
      broker.onDisconnect(() => {
        watch.lostBroker = true;
      });
      void broker.subscribe(topics.reply, 1);
      // The spoke's retained status says whether it is there to answer.
      void broker.subscribe(topics.status, 1);
      broker.start();
    });
    if (!reply) {
      console.error(
        `spokepilot fleet: ${noReplyMessage(watch, { tx: c.tx, node: `${c.site}/${c.node}`, waitedSec: timeoutMs / 1000, nowMs: Date.now() })}`,
      );
      return 1;
    }
    console.log(JSON.stringify(reply, null, 2));
    return reply.ok === true ? 0 : 1;
  } catch (err) {
    console.error(`spokepilot fleet: ${(err as Error).message}; the command was not sent`);
    return 1;
  } finally {
    await broker.close(AbortSignal.timeout(1000));
  }
}

async function view(v: Values): Promise<number> {
  if (!v.broker) return fail(`--broker URL is required\n\n${USAGE}`);
  const root = v.root ?? DEFAULT_ROOT;
  let filter: string;
  try {
    filter = fleetFilter(root, v.site);
  } catch (err) {
    return fail((err as Error).message);
  }
  const spreadSec = v.spread === undefined ? 2 : Number(v.spread);
  if (!Number.isFinite(spreadSec) || spreadSec < 0 || spreadSec * 1000 > SNAPSHOT_LIMITS.maxSpreadMs) {
    return fail(`--spread ${v.spread}: seconds from 0 to ${SNAPSHOT_LIMITS.maxSpreadMs / 1000}`);
  }
  const snapshot = v['no-snapshot'] ? undefined : { spreadMs: Math.round(spreadSec * 1000) };
  const [{ MqttBroker }, { FleetModel, renderFleet }, { publishSnapshotRequest }] = await Promise.all([
    import('../adapters/mqtt/mqtt-broker.js'),
    import('../../proto/fleet-view.js'),
    import('../adapters/mqtt/snapshot-request.js'),
  ]);
  const model = new FleetModel(root);
  const errors = lastErrorLogger();
  const broker = new MqttBroker(brokerOptions(v, 'spokepilot-fleet'), errors.log);
  const render = () => (v.json ? JSON.stringify({ ts: Date.now(), nodes: model.nodes() }) : renderFleet(model.nodes(), Date.now()));
  let quietTimer: NodeJS.Timeout | undefined;
  let done: (() => void) | undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  let dirty = false;
  broker.onMessage((m) => {
    if (!model.apply(m.topic, m.payload, Date.now())) return;
    dirty = true;
    if (v.once && !snapshot) {
      // Retained messages arrive in a burst right after subscribing: print once they stop.
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => done?.(), 300);
    }
  });
  await broker.subscribe(filter, 1);
  // Renewed subscriptions go out before this handler runs, so the answers find them in place.
  broker.onConnect(() => {
    if (snapshot) publishSnapshotRequest(broker, root, snapshot.spreadMs, v.site);
    // --once: the answers come over the spread, not in one burst; retained ones right after subscribing.
    if (v.once) quietTimer = setTimeout(() => done?.(), 1500 + (snapshot?.spreadMs ?? 0));
  });
  broker.start();
  if (v.once) {
    try {
      await connectedWithin(broker, v.timeout === undefined ? CONNECT_TIMEOUT_MS : Number(v.timeout) * 1000, v.broker, errors.last);
    } catch (err) {
      await broker.close(AbortSignal.timeout(500));
      console.error(`spokepilot fleet: ${(err as Error).message}`);
      return 1;
    }
  }
  const stopOnSignal = () => done?.();
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const tty = process.stdout.isTTY && !v.json;
  const redraw = v.once
    ? undefined
    : setInterval(() => {
        if (!dirty && !tty) return;
        dirty = false;
        process.stdout.write((tty ? '\x1b[2J\x1b[H' : '') + render() + '\n');
      }, 500);
  await finished;
  clearInterval(redraw);
  clearTimeout(quietTimer);
  process.off('SIGINT', stopOnSignal);
  process.off('SIGTERM', stopOnSignal);
  if (v.once) console.log(render());
  await broker.close(AbortSignal.timeout(500));
  return 0;
}

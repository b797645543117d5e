/**
 * A RabbitMQ cluster of N nodes (default 3) on this one machine, with the MQTT
 * plugin, for the broker-matrix tests, the fleet simulator and the bench.
 * Each node gets its own name (`sp<base>n<i>@localhost`), ports, data and log
 * directories under `dir`; they share an Erlang cookie through HOME (both the
 * server and rabbitmqctl read `$HOME/.erlang.cookie`) and form the cluster by
 * classic peer discovery, started one after another. Runs as any user: the server
 * script is called directly, not through Debian's wrapper that switches to the
 * `rabbitmq` user when started as root.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, rmSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';

const run = promisify(execFile);

/** Debian's rabbitmq-server package; the scripts that do not change user. */
export const RABBIT_BIN_DIR = ['/usr/lib/rabbitmq/bin', '/usr/local/lib/rabbitmq/bin'].find((d) => existsSync(join(d, 'rabbitmq-server')));

export interface ClusterOptions {
  /** Where the nodes' data, logs, configuration and cookie live. */
  dir: string;
  /** Ports: AMQP base+i, MQTT base+10+i, distribution base+20+i (i from 1). */
  basePort: number;
  nodes?: number;
}

export interface NodePorts {
  amqp: number;
  mqtt: number;
  dist: number;
}

export class ClusterError extends Error {
  constructor(
    readonly code: 'RABBITMQ_NOT_INSTALLED' | 'RABBITMQ_START_FAILED' | 'RABBITMQ_BAD_NODE',
    message: string,
  ) {
    super(message);
  }
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

/** The port opens before the MQTT plugin takes clients (CONNACK "server unavailable"): only a real CONNECT tells. */
async function takesMqtt(port: number): Promise<boolean> {
  if (!(await accepting(port))) return false;
  try {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      clientId: `sp-probe-${randomBytes(4).toString('hex')}`,
      reconnectPeriod: 0,
      connectTimeout: 3000,
    });
    await c.endAsync(true);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class RabbitCluster {
  readonly size: number;
  constructor(readonly options: ClusterOptions) {
    this.size = options.nodes ?? 3;
  }

  nodeName(i: number): string {
    return `sp${this.options.basePort}n${i}@localhost`;
  }

  ports(i: number): NodePorts {
    const b = this.options.basePort;
    return { amqp: b + i, mqtt: b + 10 + i, dist: b + 20 + i };
  }

  /** MQTT URLs of every node, node 1 first: what `mqtt.urls` lists. */
  get urls(): string[] {
    return this.indexes().map((i) => `mqtt://127.0.0.1:${this.ports(i).mqtt}`);
  }

  private indexes(): number[] {
    return Array.from({ length: this.size }, (_, k) => k + 1);
  }

  private checkIndex(i: number): void {
    if (!Number.isInteger(i) || i < 1 || i > this.size)
      throw new ClusterError('RABBITMQ_BAD_NODE', `no node ${i}: the cluster has nodes 1-${this.size}`);
  }

  private nodeDir(i: number): string {
    return join(this.options.dir, `node${i}`);
  }

  private pidFile(i: number): string {
    return join(this.nodeDir(i), 'pid');
  }

  pid(i: number): number | undefined {
    try {
      const n = Number(readFileSync(this.pidFile(i), 'utf8').trim());
      return Number.isInteger(n) && n > 0 && alive(n) ? n : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The process group the node was spawned in (its shell script, the Erlang VM and what they run):
   * a node still booting has written no pid file yet, and must still be stoppable.
   */
  private group(i: number): number | undefined {
    try {
      const g = Number(readFileSync(join(this.nodeDir(i), 'group.pid'), 'utf8').trim());
      if (!Number.isInteger(g) || g <= 0) return undefined;
      process.kill(-g, 0);
      return g;
    } catch {
      return undefined;
    }
  }

  private running(i: number): boolean {
    return this.pid(i) !== undefined || this.group(i) !== undefined;
  }

  private env(i: number): NodeJS.ProcessEnv {
    const d = this.nodeDir(i);
    const p = this.ports(i);
    return {
      ...process.env,
      HOME: this.options.dir,
      RABBITMQ_NODENAME: this.nodeName(i),
      RABBITMQ_NODE_PORT: String(p.amqp),
      RABBITMQ_DIST_PORT: String(p.dist),
      RABBITMQ_MNESIA_BASE: join(d, 'mnesia'),
      RABBITMQ_LOG_BASE: join(d, 'log'),
      RABBITMQ_PID_FILE: this.pidFile(i),
      RABBITMQ_CONFIG_FILE: join(d, 'rabbitmq.conf'),
      RABBITMQ_ADVANCED_CONFIG_FILE: join(d, 'advanced.config'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.options.dir, 'enabled_plugins'),
      RABBITMQ_CONF_ENV_FILE: join(d, 'rabbitmq-env.conf'),
      RABBITMQ_USE_LONGNAME: 'false',
    };
  }

  private prepare(): void {
    if (!RABBIT_BIN_DIR)
      throw new ClusterError('RABBITMQ_NOT_INSTALLED', 'rabbitmq-server is not installed (Debian: apt-get install rabbitmq-server)');
    mkdirSync(this.options.dir, { recursive: true });
    const cookie = join(this.options.dir, '.erlang.cookie');
    if (!existsSync(cookie)) {
      writeFileSync(cookie, randomBytes(15).toString('hex').toUpperCase(), { mode: 0o400 });
      chmodSync(cookie, 0o400);
    }
    writeFileSync(join(this.options.dir, 'enabled_plugins'), '[rabbitmq_mqtt].\n');
    for (const i of this.indexes()) {
      const d = this.nodeDir(i);
      mkdirSync(join(d, 'log'), { recursive: true });
      writeFileSync(join(d, 'rabbitmq-env.conf'), '');
      writeFileSync(join(d, 'advanced.config'), '[].\n');
      writeFileSync(
        join(d, 'rabbitmq.conf'),
        [
          `listeners.tcp.default = 127.0.0.1:${this.ports(i).amqp}`,
          `mqtt.listeners.tcp.default = 127.0.0.1:${this.ports(i).mqtt}`,
          'mqtt.allow_anonymous = true',
          // Far more connections than the default tests make, and none refused for a busy laptop's disk.
          'disk_free_limit.absolute = 50MB',
          'vm_memory_high_watermark.relative = 0.2',
          'cluster_formation.peer_discovery_backend = classic_config',
          ...this.indexes().map((k) => `cluster_formation.classic_config.nodes.${k} = ${this.nodeName(k)}`),
          'log.console = false',
          'log.file.level = warning',
          '',
        ].join('\n'),
      );
    }
  }

  /**
   * Starts every node that is not running, one after another, each waited for until it takes MQTT
   * before the next is spawned. Started together, fresh nodes race: each found the others without
   * tables ("Could not auto-cluster ... tables_not_present"), booted alone, and the MQTT client-id
   * tracker (a Ra cluster) then refused the later joins (cluster_change_not_permitted), so a node
   * never took MQTT (seen here under load, 2 of 3 cold starts). One at a time, every node after the
   * first joins a node that has its tables. `timeoutMs` is per node.
   */
  async start(timeoutMs = 90_000): Promise<void> {
    this.prepare();
    for (const i of this.indexes().filter((k) => !this.running(k))) {
      this.spawnNode(i);
      await this.awaitNode(i, timeoutMs);
    }
  }

  /**
   * Deletes every node's data (Mnesia, queues, retained store) while the cluster is down. Here a
   * 3.10 cluster stopped whole (SIGKILL, or rabbitmqctl stop on every node) did not take MQTT again
   * within 90 s of starting together: Mnesia waits for the node it believes stopped last, and the
   * MQTT client-id tracker (Ra) times out registrations. Data the fleet needs from the broker is
   * none: clean sessions, no retained message a cold view depends on (the snapshot request).
   */
  wipeData(): void {
    for (const i of this.indexes()) {
      if (this.running(i)) throw new Error(`node ${i} is running: stop the cluster before wiping its data`);
      rmSync(join(this.nodeDir(i), 'mnesia'), { recursive: true, force: true });
    }
  }

  /** Starts one node again (after kill-node) and waits until it takes MQTT. */
  async startNode(i: number, timeoutMs = 90_000): Promise<void> {
    this.checkIndex(i);
    this.prepare();
    if (this.running(i)) return;
    this.spawnNode(i);
    await this.awaitNode(i, timeoutMs);
  }

  private spawnNode(i: number): void {
    const out = openSync(join(this.nodeDir(i), 'log', 'console.out'), 'a');
    // cwd: the node's own directory, where Mnesia writes its core dumps (MnesiaCore.*) if it fails.
    const child = spawn(join(RABBIT_BIN_DIR!, 'rabbitmq-server'), [], {
      env: this.env(i),
      cwd: this.nodeDir(i),
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    if (child.pid) writeFileSync(join(this.nodeDir(i), 'group.pid'), `${child.pid}\n`);
    child.unref();
  }

  private async awaitNode(i: number, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await takesMqtt(this.ports(i).mqtt)) return;
      await sleep(250);
    }
    let tail = '';
    try {
      tail = readFileSync(join(this.nodeDir(i), 'log', 'console.out'), 'utf8')
        .split('\n')
        .slice(-15)
        .join('\n');
    } catch {
      /* no log */
    }
    throw new ClusterError(
      'RABBITMQ_START_FAILED',
      `node ${i} (${this.nodeName(i)}) did not take MQTT on ${this.ports(i).mqtt} within ${timeoutMs / 1000} s; its output ends:\n${tail}`,
    );
  }

  /** A crash: SIGKILL to the node's Erlang VM and its process group, no goodbye to its peers or clients. */
  async killNode(i: number): Promise<void> {
    this.checkIndex(i);
    const pid = this.pid(i);
    const group = this.group(i);
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    if (group !== undefined) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    while (pid !== undefined && alive(pid)) await sleep(50);
  }

  /** Stops every node: an orderly `rabbitmqctl stop`, then SIGKILL for what still runs after the deadline (or is still booting). */
  async stop(deadlineMs = 30_000): Promise<void> {
    await Promise.all(
      this.indexes().map(async (i) => {
        const pid = this.pid(i);
        if (pid !== undefined) {
          await this.ctl(i, ['stop'], deadlineMs).catch(() => undefined);
          const until = Date.now() + deadlineMs;
          while (alive(pid) && Date.now() < until) await sleep(100);
        }
        await this.killNode(i);
      }),
    );
  }

  /** `rabbitmqctl` against node i, with the cluster's cookie. */
  async ctl(i: number, args: string[], timeoutMs = 30_000): Promise<string> {
    this.checkIndex(i);
    const { stdout } = await run(join(RABBIT_BIN_DIR!, 'rabbitmqctl'), ['-n', this.nodeName(i), ...args], {
      env: this.env(i),
      timeout: timeoutMs,
    });
    return stdout;
  }

  /** Which nodes run, which take MQTT, and the cluster's view from the first running node. */
  async status(): Promise<{
    nodes: { index: number; name: string; pid?: number; mqtt: string; accepting: boolean }[];
    running?: string[];
  }> {
    const nodes = await Promise.all(
      this.indexes().map(async (i) => {
        const pid = this.pid(i);
        return {
          index: i,
          name: this.nodeName(i),
          ...(pid ? { pid } : {}),
          mqtt: this.urls[i - 1]!,
          accepting: await accepting(this.ports(i).mqtt),
        };
      }),
    );
    const up = nodes.find((n) => n.pid !== undefined);
    if (!up) return { nodes };
    try {
      const out = await this.ctl(up.index, ['cluster_status', '--formatter', 'json'], 20_000);
      const running = (JSON.parse(out) as { running_nodes?: string[] }).running_nodes;
      return { nodes, ...(running ? { running } : {}) };
    } catch {
      return { nodes };
    }
  }
}

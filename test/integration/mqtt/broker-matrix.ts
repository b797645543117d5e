/**
 * The broker matrix: aedes in-process, a real mosquitto, and a 3-node
 * RabbitMQ 3.10 cluster (lab/brokers), each with what it can and cannot do,
 * so a test states its expectation per broker instead of skipping it.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { RABBIT_BIN_DIR, RabbitCluster } from '../../../lab/brokers/rabbitmq-cluster.js';
import { startAedes } from './aedes-harness.js';
import { MOSQUITTO_BIN, startMosquitto } from './mosquitto-harness.js';

export type BrokerName = 'aedes' | 'mosquitto' | 'rabbitmq3';

export interface BrokerCaps {
  /** A retained message is delivered to a new wildcard subscription (`a/+/b`). RabbitMQ: exact topics only. */
  retainedOnWildcards: boolean;
  /** A retained message published on one node is delivered by every node. RabbitMQ keeps it where it was received. */
  retainedAcrossNodes: boolean;
  /** A `.` inside a topic level is an ordinary character. RabbitMQ maps `/` to `.`, so `a.b` is two levels to `+`. */
  dotsInLevels: boolean;
  /** MQTT 5 offered. */
  mqtt5: boolean;
}

export interface MatrixBroker {
  name: BrokerName;
  /** Every endpoint; one for single-node brokers. */
  urls: string[];
  caps: BrokerCaps;
  /** Crash node i (1-based; single-node brokers: the broker) and bring it back. */
  killNode(i: number): Promise<void>;
  startNode(i: number): Promise<void>;
  /**
   * Starts every node that is down (a cluster together, as after a full outage). RabbitMQ's with
   * fresh data: see RabbitCluster.wipeData for why.
   */
  startAll(): Promise<void>;
  stop(): Promise<void>;
}

export const RABBITMQ_AVAILABLE = RABBIT_BIN_DIR !== undefined;
export const MOSQUITTO_AVAILABLE = MOSQUITTO_BIN !== undefined;

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** A base port whose 9 cluster ports (base+1..3, +11..13, +21..23) are all free. */
export async function freeClusterBase(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = 30_000 + 100 * Math.floor(Math.random() * 300);
    const ports = [1, 2, 3, 11, 12, 13, 21, 22, 23].map((k) => base + k);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free port range for a RabbitMQ cluster');
}

const clustersStarted = new Set<RabbitCluster>();

/**
 * Stops every cluster this process started, also one whose start never
 * finished (a hook that timed out): call it in afterAll, or its Erlang VMs outlive the tests.
 */
export async function stopStartedClusters(): Promise<void> {
  await Promise.all([...clustersStarted].map((c) => c.stop(10_000).catch(() => undefined)));
  clustersStarted.clear();
}

export async function startBroker(name: BrokerName, dir: string): Promise<MatrixBroker> {
  switch (name) {
    case 'aedes': {
      const a = await startAedes();
      return {
        name,
        urls: [a.url],
        caps: { retainedOnWildcards: true, retainedAcrossNodes: true, dotsInLevels: true, mqtt5: false },
        killNode: () => a.kill(),
        startNode: () => a.restart(),
        startAll: () => a.restart(),
        stop: () => a.stop(),
      };
    }
    case 'mosquitto': {
      const m = await startMosquitto(dir);
      if (!m) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
      return {
        name,
        urls: [m.url],
        caps: { retainedOnWildcards: true, retainedAcrossNodes: true, dotsInLevels: true, mqtt5: true },
        killNode: () => m.kill('SIGKILL'),
        startNode: () => m.restart(),
        startAll: () => m.restart(),
        stop: () => m.stop(),
      };
    }
    case 'rabbitmq3': {
      if (!existsSync(dir)) throw new Error(`no directory ${dir}`);
      const cluster = new RabbitCluster({ dir, basePort: await freeClusterBase() });
      clustersStarted.add(cluster);
      // A cold cluster takes about 30 s alone (its nodes start one after another), 35-41 s here with
      // both cores busy; 90 s per node leaves the 300 s hook room for three slow nodes.
      await cluster.start(90_000);
      return {
        name,
        urls: cluster.urls,
        caps: { retainedOnWildcards: false, retainedAcrossNodes: false, dotsInLevels: false, mqtt5: false },
        killNode: (i) => cluster.killNode(i),
        startNode: (i) => cluster.startNode(i),
        startAll: () => {
          cluster.wipeData();
          return cluster.start();
        },
        stop: () => cluster.stop(),
      };
    }
  }
}

/**
 * The brokers available here. In CI (`CI` set) a missing one is an error, not
 * a skip: `.ci/run` installs mosquitto and rabbitmq-server.
 */
export function matrixNames(): BrokerName[] {
  const names: BrokerName[] = ['aedes'];
  if (MOSQUITTO_AVAILABLE || process.env.CI) names.push('mosquitto');
  else console.warn('SKIPPING mosquitto in the broker matrix: apt-get install mosquitto');
  if (RABBITMQ_AVAILABLE || process.env.CI) names.push('rabbitmq3');
  else console.warn('SKIPPING rabbitmq3 in the broker matrix: apt-get install rabbitmq-server');
  return names;
}

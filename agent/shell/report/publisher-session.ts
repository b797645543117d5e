import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../../ports/clock.js';
import type { WillMessage } from '../../ports/broker.js';
import { PROTO_VERSION, type StatusPayload } from '../../../proto/payloads.js';

/** Where the session counter lives between restarts. */
export interface SessionCounterStore {
  load(): number;
  save(value: number): void;
}

/**
 * A one-line file beside the database, replaced atomically (write, then rename).
 * Never below the wall clock's seconds: a counter file lost (a fresh /data) or
 * never written (an unwritable directory) must not send the session backwards,
 * or consumers would take every birth for a stale one. A failed write is told
 * to `onError` and the counter goes on in memory: the connection must not fail
 * for it (the red team's unwritable database directory kept MQTT down).
 */
export function fileSessionCounter(
  path: string,
  onError: (err: Error) => void = () => undefined,
  nowMs: () => number = Date.now,
): SessionCounterStore {
  let told = false;
  return {
    load() {
      let stored = 0;
      try {
        const n = Number(readFileSync(path, 'utf8').trim());
        if (Number.isSafeInteger(n) && n >= 0) stored = n;
      } catch {
        /* none yet */
      }
      return Math.max(stored, Math.floor(nowMs() / 1000));
    },
    save(value) {
      try {
        writeFileSync(`${path}.tmp`, `${value}\n`);
        renameSync(`${path}.tmp`, path);
      } catch (err) {
        if (!told) onError(err as Error);
        told = true;
      }
    },
  };
}

export function memorySessionCounter(start = 0): SessionCounterStore & { value: number } {
  return {
    value: start,
    load() {
      return this.value;
    },
    save(v) {
      this.value = v;
    },
  };
}

/** Message ids: a random per-process prefix and a counter, unique across restarts without coordination. */
export function messageIds(): () => string {
  const boot = randomBytes(6).toString('base64url');
  let seq = 0;
  return () => `${boot}-${(seq++).toString(36)}`;
}

/**
 * The session counter and the status messages built from it. Every connection
 * attempt takes the next counter value (the Will must be set in CONNECT, before
 * we know whether the attempt succeeds), so the birth that follows and the Will
 * that may later fire carry the same number.
 */
export class PublisherSession {
  private current: number;
  /** This process, in every status: another instance's birth for our site/node is a duplicate agent. */
  readonly instance: string;

  constructor(
    private readonly store: SessionCounterStore,
    private readonly statusTopic: string,
    private readonly ids: () => string,
    private readonly clock: Clock,
    private readonly agentVersion: string,
    instance: string = randomBytes(9).toString('base64url'),
  ) {
    this.current = store.load();
    this.instance = instance;
  }

  get session(): number {
    return this.current;
  }

  /** For the broker adapter's `will` option: advances and persists the counter. */
  nextWill(): WillMessage {
    this.current++;
    this.store.save(this.current);
    return { topic: this.statusTopic, payload: JSON.stringify(this.offline('connection-lost')), retain: true, qos: 1 };
  }

  birth(): StatusPayload {
    return {
      v: PROTO_VERSION,
      id: this.ids(),
      ts: this.clock.now(),
      state: 'online',
      session: this.current,
      agentVersion: this.agentVersion,
      instance: this.instance,
    };
  }

  offline(reason: 'connection-lost' | 'shutdown', restore?: Goodbye): StatusPayload {
    return {
      v: PROTO_VERSION,
      id: this.ids(),
      ts: this.clock.now(),
      state: 'offline',
      session: this.current,
      reason,
      instance: this.instance,
      ...restore,
    };
  }
}

/** What a shutdown's offline status says of the router it leaves behind. */
export interface Goodbye {
  restore: NonNullable<StatusPayload['restore']>;
  restoreCode?: string;
}

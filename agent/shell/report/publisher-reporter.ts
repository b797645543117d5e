import type { OutboxMessage } from '../../ports/store.js';
import type { Clock } from '../../ports/clock.js';
import { LEAF_RULES, PROTO_VERSION, type Envelope, type EventBody, type RoutesPayload } from '../../../proto/payloads.js';
import {
  DEFAULT_DEADBANDS,
  stateChanged,
  telemetryTrigger,
  type Deadbands,
  type LastTelemetry,
  type StateBody,
  type TelemetryBody,
} from '../../../proto/publish-rules.js';
import type { Leaf } from '../../../proto/topics.js';

export type RoutesBody = Omit<RoutesPayload, keyof Envelope>;

export interface ReporterOptions {
  topics: Record<Leaf, string>;
  /** Telemetry is published at least this often even when nothing moved; default 5 minutes. */
  heartbeatMs?: number;
  deadbands?: Deadbands;
  ids: () => string;
  clock: Clock;
}

/**
 * Turns what the runtime knows into outbox rows, by the publishing rules:
 * state only when it changed (retained), telemetry on a significant change or
 * the heartbeat, every event, routes when asked. Payloads get their envelope
 * here, so the timestamp is the moment of production, kept through any replay.
 */
export class Reporter {
  private lastState: StateBody | undefined;
  private lastTelemetry: LastTelemetry | undefined;

  constructor(
    private readonly sink: (messages: OutboxMessage[]) => Promise<void>,
    private readonly options: ReporterOptions,
  ) {}

  private message(leaf: Leaf, body: object): OutboxMessage {
    const rule = LEAF_RULES[leaf];
    const now = this.options.clock.now();
    const envelope: Envelope = { v: PROTO_VERSION, id: this.options.ids(), ts: now };
    return {
      class: rule.outboxClass ?? 'event',
      topic: this.options.topics[leaf],
      payload: JSON.stringify({ ...envelope, ...body }),
      retain: rule.retain,
      createdMs: now,
    };
  }

  /** Enqueues the state if it differs from the last one enqueued. Returns whether it did. */
  async state(body: StateBody, force = false): Promise<boolean> {
    if (!force && !stateChanged(this.lastState, body)) return false;
    await this.sink([this.message('state', body)]);
    this.lastState = body;
    return true;
  }

  /** Enqueues the last state again (rebirth: a consumer asked for everything). */
  async republishState(): Promise<boolean> {
    return this.lastState ? this.state(this.lastState, true) : false;
  }

  /** Call on every poll; publishes on a significant change or when the heartbeat is due. */
  async telemetry(body: TelemetryBody): Promise<'change' | 'heartbeat' | undefined> {
    const now = this.options.clock.now();
    const trigger = telemetryTrigger(
      this.lastTelemetry,
      body,
      now,
      this.options.heartbeatMs ?? 300_000,
      this.options.deadbands ?? DEFAULT_DEADBANDS,
    );
    if (!trigger) return undefined;
    await this.sink([this.message('telemetry', { trigger, ...body })]);
    this.lastTelemetry = { body, atMs: now };
    return trigger;
  }

  async events(bodies: readonly EventBody[]): Promise<void> {
    if (bodies.length > 0) await this.sink(bodies.map((b) => this.message('event', b)));
  }

  async routes(body: RoutesBody): Promise<void> {
    await this.sink([this.message('routes', body)]);
  }
}

import type { KeyObject } from 'node:crypto';
import type { Broker, IncomingMessage } from '../../ports/broker.js';
import type { JournalEntry } from '../../ports/store.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { MAX_COMMAND_LIFETIME_MS, type FailureCode, type RefusalCode, type ReplyBody, type ReplyPayload } from '../../../proto/commands.js';
import { PROTO_VERSION, type EventBody } from '../../../proto/payloads.js';
import { createPayloadValidators, type PayloadValidators } from '../../../proto/schemas/index.js';
import type { CommandTarget } from './command-target.js';
import { NonceCache, type NonceSource, type RememberedNonce } from './nonce-cache.js';
import {
  DEFAULT_REFUSAL_BUDGET,
  RefusalThrottle,
  THROTTLED_REFUSALS,
  UNAUTHENTICATED_REFUSALS,
  type RefusalBudget,
  type RefusalSummary,
} from './refusal-throttle.js';
import { runCommand } from './run-command.js';
import { verifyCommand, type Refusal, type VerifyPolicy } from './verify.js';
import { describeError } from '../../../proto/coded-error.js';

export interface CommandHandlerOptions {
  site: string;
  node: string;
  cmdTopic: string;
  replyTopic: string;
  keys: ReadonlyMap<string, KeyObject>;
  /** Default 10 minutes. */
  maxLifetimeMs?: number;
  /** Default 30 s. */
  skewMs?: number;
  /** Unexpired nonces remembered at most; default 4096. */
  maxNonces?: number;
  /** Commands carried out at once; more are refused as `busy`. Default 4. */
  maxConcurrent?: number;
  actionTimeoutMs?: number;
  maxShowOutputBytes?: number;
  /** Larger command payloads are refused unparsed as `too-large`; default 65536 (mqtt.maxPayloadBytes). */
  maxPayloadBytes?: number;
  /** How many throttled refusals are journaled and answered one by one (refusal-throttle.ts). */
  refusalBudget?: RefusalBudget;
}

/** Counters for /status and /metrics. */
export interface CommandHandlerStats {
  /** Messages refused before authentication (too-large, retained, malformed, unsigned, unknown-key, bad-signature). */
  unauthenticatedRefusals: number;
  /** Throttled refusals over the journal budget: journaled only in a summary row and event, with a count. */
  refusalsSummarised: number;
  /** Throttled refusals over the reply budget: not answered. */
  repliesDropped: number;
  /** Journal writes of the handler that failed (the store's own error count does not see them). */
  journalFailures: number;
  /** Refusals answered but not journaled because the write failed (a full disk). */
  refusalsNotJournaled: number;
}

export interface CommandHandlerDeps {
  broker: Broker;
  target: CommandTarget;
  /**
   * Appends to the journal (through the WriteQueue). With `nonce` (an
   * acceptance) it stores the nonce in the same transaction: a command is run
   * only once both are recorded.
   */
  journal: (entry: JournalEntry, nonce?: RememberedNonce) => Promise<void>;
  /** Nonces of commands accepted before a restart (SqliteCommandNonces.unexpired). */
  nonceSource?: NonceSource;
  /** Reports each command to the fleet as an event (Reporter.events). */
  report?: (event: EventBody) => void;
  ids: () => string;
  clock: Clock;
  log: Logger;
  validators?: PayloadValidators;
}

/**
 * Request/response on `cmd`/`reply`: every message on `cmd` gets one reply
 * with its `tx`, whether it ran, failed or was refused, and is journaled.
 * Replies go straight to the broker: a command arrives only on a live
 * connection, and a reply to an expired command is of no use later.
 *
 * Refusals anyone can produce (THROTTLED_REFUSALS) have a budget: within it,
 * journal row + event + reply each; beyond it, one journal row and one event
 * sum up the burst every `summaryEveryMs`, and replies have a budget of their
 * own. When the journal write fails (a full disk) a refusal is still answered
 * but not journaled; `stats()` counts both.
 */
export class CommandHandler {
  private readonly policy: VerifyPolicy;
  private readonly nonces: NonceCache;
  private readonly validators: PayloadValidators;
  private readonly throttle: RefusalThrottle;
  private readonly summaryEveryMs: number;
  private cancelSummary: (() => void) | undefined;
  private readonly counters: CommandHandlerStats = {
    unauthenticatedRefusals: 0,
    refusalsSummarised: 0,
    repliesDropped: 0,
    journalFailures: 0,
    refusalsNotJournaled: 0,
  };
  private running = 0;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly options: CommandHandlerOptions,
    private readonly deps: CommandHandlerDeps,
  ) {
    this.policy = {
      site: options.site,
      node: options.node,
      keys: options.keys,
      maxLifetimeMs: options.maxLifetimeMs ?? MAX_COMMAND_LIFETIME_MS,
      skewMs: options.skewMs ?? 30_000,
      maxPayloadBytes: options.maxPayloadBytes ?? 65_536,
    };
    this.nonces = new NonceCache(options.maxNonces ?? 4096, this.policy.skewMs);
    this.validators = deps.validators ?? createPayloadValidators();
    const budget = options.refusalBudget ?? DEFAULT_REFUSAL_BUDGET;
    this.throttle = new RefusalThrottle(budget);
    this.summaryEveryMs = budget.summaryEveryMs;
  }

  /** Loads remembered nonces, then subscribes. Call before broker.start(). */
  async start(): Promise<void> {
    const now = this.deps.clock.now();
    if (this.deps.nonceSource) this.nonces.load(await this.deps.nonceSource(now), now);
    this.unsubscribe = this.deps.broker.onMessage((m) => this.onMessage(m));
    // Retain-as-published (MQTT 5): a command published retained while we are subscribed is refused too, not only on the next subscribe.
    await this.deps.broker.subscribe(this.options.cmdTopic, 1, { retainAsPublished: true });
  }

  /** Stops taking commands; journals the refusals still waiting to be summed up. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.flushSummary();
  }

  stats(): CommandHandlerStats {
    return { ...this.counters };
  }

  private onMessage(m: IncomingMessage): void {
    if (m.topic !== this.options.cmdTopic || this.stopped) return;
    this.handle(m.payload, { retained: m.retain }).catch((err: Error) => this.deps.log.error('handler-failed', { error: err.message }));
  }

  /**
   * Handles one raw command and publishes its reply (unless the reply budget
   * is spent); returns the reply (for tests and the CLI).
   */
  async handle(raw: Buffer, meta: { retained?: boolean } = {}): Promise<ReplyPayload> {
    const now = this.deps.clock.now();
    const verified = verifyCommand(raw, this.policy, this.validators, this.nonces, now, meta.retained ?? false);
    if (!verified.ok) return this.refuse(verified.refusal, now);
    const c = verified.command;
    const about = { cmd: c.cmd, keyId: c.keyId };
    if (this.running >= (this.options.maxConcurrent ?? 4)) {
      await this.record(c.tx, { ...about, outcome: 'refused', code: 'busy', message: 'too many commands running' });
      return this.fail(c.tx, c.cmd, 'busy', 'too many commands running; try again');
    }
    this.running++;
    try {
      const accepted = { ...about, outcome: 'accepted', nonce: c.nonce, exp: c.exp, args: c.args };
      if (!(await this.record(c.tx, accepted, { nonce: c.nonce, expMs: c.exp }))) {
        return this.fail(c.tx, c.cmd, 'unavailable', 'the journal could not record the command, so it was not run');
      }
      const outcome = await runCommand(
        c,
        this.deps.target,
        {
          timeoutMs: this.options.actionTimeoutMs ?? 30_000,
          maxShowOutputBytes: this.options.maxShowOutputBytes ?? 65_536,
        },
        now,
      );
      await this.record(c.tx, {
        ...about,
        outcome: outcome.ok ? 'done' : 'failed',
        ...(outcome.ok ? {} : { code: outcome.code, message: outcome.message }),
      });
      return outcome.ok
        ? this.reply({ tx: c.tx, cmd: c.cmd, ok: true, result: outcome.result })
        : this.fail(c.tx, c.cmd, outcome.code, outcome.message);
    } finally {
      this.running--;
    }
  }

  private async refuse(r: Refusal, now: number): Promise<ReplyPayload> {
    const body: ReplyBody = { tx: r.tx, ...(r.cmd ? { cmd: r.cmd } : {}), ok: false, error: { code: r.code, message: r.message } };
    if (UNAUTHENTICATED_REFUSALS.has(r.code)) this.counters.unauthenticatedRefusals++;
    if (!THROTTLED_REFUSALS.has(r.code)) {
      if (!(await this.record(r.tx, { cmd: r.cmd, keyId: r.keyId, outcome: 'refused', code: r.code, message: r.message })))
        this.counters.refusalsNotJournaled++;
      return this.reply(body);
    }
    const admitted = this.throttle.admit(r.code, now);
    if (admitted.journal) {
      if (!(await this.record(r.tx, { cmd: r.cmd, keyId: r.keyId, outcome: 'refused', code: r.code, message: r.message })))
        this.counters.refusalsNotJournaled++;
    } else {
      this.counters.refusalsSummarised++;
      this.cancelSummary ??= this.deps.clock.setTimer(() => void this.flushSummary(), this.summaryEveryMs);
    }
    if (admitted.reply) return this.reply(body, admitted.journal);
    this.counters.repliesDropped++;
    return this.envelope(body);
  }

  /** One journal row and one event for the refusals over the budget since the last summary. */
  private async flushSummary(): Promise<void> {
    this.cancelSummary?.();
    this.cancelSummary = undefined;
    const s: RefusalSummary | undefined = this.throttle.takeSummary();
    if (!s) return;
    const codes = Object.keys(s.codes);
    const data = {
      outcome: 'refused',
      ...(codes.length === 1 ? { code: codes[0]! } : {}),
      count: s.count,
      codes: s.codes,
      firstMs: s.firstMs,
      lastMs: s.lastMs,
    };
    this.deps.log.warn('refusals-summarised', { count: s.count, codes: s.codes });
    if (!(await this.record(null, data))) this.counters.refusalsNotJournaled += s.count;
  }

  private fail(tx: string | null, cmd: string, code: RefusalCode | FailureCode, message: string): Promise<ReplyPayload> {
    return this.reply({ tx, cmd, ok: false, error: { code, message } });
  }

  private async record(
    tx: string | null,
    data: {
      cmd?: string | undefined;
      keyId?: string | undefined;
      outcome: string;
      code?: string;
      count?: number;
      codes?: Record<string, number>;
      [k: string]: unknown;
    },
    nonce?: RememberedNonce,
  ): Promise<boolean> {
    const entry: JournalEntry = { tsMs: this.deps.clock.now(), kind: 'command', ...(tx ? { subject: tx } : {}), data };
    try {
      await this.deps.journal(entry, nonce);
    } catch (err) {
      this.counters.journalFailures++;
      const { code, message } = describeError(err);
      this.deps.log.error('journal-failed', { tx, outcome: data.outcome, code, error: message });
      return false;
    }
    if (data.outcome !== 'accepted' && this.deps.report) {
      this.deps.report({
        kind: 'command',
        tx,
        ...(data.cmd ? { cmd: data.cmd } : {}),
        ...(data.keyId ? { keyId: data.keyId } : {}),
        outcome: data.outcome as 'done' | 'failed' | 'refused',
        ...(data.code ? { code: data.code } : {}),
        ...(data.count ? { count: data.count, codes: data.codes } : {}),
      });
    }
    return true;
  }

  private envelope(body: ReplyBody): ReplyPayload {
    return { v: PROTO_VERSION, id: this.deps.ids(), ts: this.deps.clock.now(), ...body } as ReplyPayload;
  }

  /** `logged: false` for refusals only summed up: counters, not one log line each, under a flood. */
  private async reply(body: ReplyBody, logged = true): Promise<ReplyPayload> {
    const reply = this.envelope(body);
    if (logged)
      this.deps.log.info('reply', { tx: reply.tx, cmd: reply.cmd, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) });
    await this.deps.broker
      .publish({ topic: this.options.replyTopic, payload: JSON.stringify(reply), qos: 1 })
      .catch((err: Error) => this.deps.log.warn('reply-lost', { tx: reply.tx, error: err.message }));
    return reply;
  }
}

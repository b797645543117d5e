import type { KeyObject } from 'node:crypto';
import type { Broker, IncomingMessage } from '../../adapters/mqtt/broker-port.js';
import type { JournalEntry } from '../../adapters/sqlite/journal.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { FailureCode, RefusalCode, ReplyBody, ReplyPayload } from '../../../proto/commands.js';
import { PROTO_VERSION, type EventBody } from '../../../proto/payloads.js';
import { createPayloadValidators, type PayloadValidators } from '../../../proto/schemas/index.js';
import type { CommandTarget } from './command-target.js';
import { NonceCache, type NonceSource } from './nonce-cache.js';
import { runCommand } from './run-command.js';
import { verifyCommand, type VerifyPolicy } from './verify.js';

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
}

export interface CommandHandlerDeps {
  broker: Broker;
  target: CommandTarget;
  /** Appends to the journal (through the WriteQueue); a command is run only once its acceptance is recorded. */
  journal: (entry: JournalEntry) => Promise<void>;
  /** Nonces of commands accepted before a restart (noncesFromJournal). */
  nonceSource?: NonceSource;
  /** Reports each command to the fleet as an event (Reporter.events). */
  report?: (event: EventBody) => void;
  ids: () => string;
  clock: Clock;
  log: Logger;
  validators?: PayloadValidators;
}

/**
 * Request/response on `cmd`/`reply`: every message on `cmd` gets exactly one
 * reply with its `tx`, whether it ran, failed or was refused, and every one
 * is journaled. Replies go straight to the broker: a command arrives only on
 * a live connection, and a reply to an expired command is of no use later.
 */
export class CommandHandler {
  private readonly policy: VerifyPolicy;
  private readonly nonces: NonceCache;
  private readonly validators: PayloadValidators;
  private running = 0;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: CommandHandlerOptions, private readonly deps: CommandHandlerDeps) {
    this.policy = {
      site: options.site, node: options.node, keys: options.keys,
      maxLifetimeMs: options.maxLifetimeMs ?? 600_000, skewMs: options.skewMs ?? 30_000,
    };
    this.nonces = new NonceCache(options.maxNonces ?? 4096, this.policy.skewMs);
    this.validators = deps.validators ?? createPayloadValidators();
  }

  /** Loads remembered nonces, then subscribes. Call before broker.start(). */
  async start(): Promise<void> {
    const now = this.deps.clock.now();
    if (this.deps.nonceSource) this.nonces.load(await this.deps.nonceSource(now), now);
    this.unsubscribe = this.deps.broker.onMessage((m) => this.onMessage(m));
    await this.deps.broker.subscribe(this.options.cmdTopic, 1);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
  }

  private onMessage(m: IncomingMessage): void {
    if (m.topic !== this.options.cmdTopic || this.stopped) return;
    this.handle(m.payload).catch((err: Error) => this.deps.log.error('command.handler-failed', { error: err.message }));
  }

  /** Handles one raw command and publishes its reply; returns the reply (for tests and the CLI). */
  async handle(raw: Buffer): Promise<ReplyPayload> {
    const now = this.deps.clock.now();
    const verified = verifyCommand(raw, this.policy, this.validators, this.nonces, now);
    if (!verified.ok) {
      const r = verified.refusal;
      await this.record(r.tx, { cmd: r.cmd, keyId: r.keyId, outcome: 'refused', code: r.code, message: r.message });
      return this.reply({ tx: r.tx, ...(r.cmd ? { cmd: r.cmd } : {}), ok: false, error: { code: r.code, message: r.message } });
    }
    const c = verified.command;
    const about = { cmd: c.cmd, keyId: c.keyId };
    if (this.running >= (this.options.maxConcurrent ?? 4)) {
      await this.record(c.tx, { ...about, outcome: 'refused', code: 'busy', message: 'too many commands running' });
      return this.fail(c.tx, c.cmd, 'busy', 'too many commands running; try again');
    }
    this.running++;
    try {
      if (!(await this.record(c.tx, { ...about, outcome: 'accepted', nonce: c.nonce, exp: c.exp, args: c.args }))) {
        return this.fail(c.tx, c.cmd, 'unavailable', 'the journal could not record the command, so it was not run');
      }
      const outcome = await runCommand(c, this.deps.target, {
        timeoutMs: this.options.actionTimeoutMs ?? 30_000, maxShowOutputBytes: this.options.maxShowOutputBytes ?? 65_536,
      }, now);
      await this.record(c.tx, { ...about, outcome: outcome.ok ? 'done' : 'failed', ...(outcome.ok ? {} : { code: outcome.code, message: outcome.message }) });
      return outcome.ok
        ? this.reply({ tx: c.tx, cmd: c.cmd, ok: true, result: outcome.result })
        : this.fail(c.tx, c.cmd, outcome.code, outcome.message);
    } finally {
      this.running--;
    }
  }

  private fail(tx: string | null, cmd: string, code: RefusalCode | FailureCode, message: string): Promise<ReplyPayload> {
    return this.reply({ tx, cmd, ok: false, error: { code, message } });
  }

  private async record(tx: string | null, data: { cmd?: string | undefined; keyId?: string | undefined; outcome: string; code?: string; [k: string]: unknown }): Promise<boolean> {
    const entry: JournalEntry = { tsMs: this.deps.clock.now(), kind: 'command', ...(tx ? { subject: tx } : {}), data };
    try {
      await this.deps.journal(entry);
    } catch (err) {
      this.deps.log.error('command.journal-failed', { tx, error: (err as Error).message });
      return false;
    }
    if (data.outcome !== 'accepted' && this.deps.report) {
      this.deps.report({
        kind: 'command', tx,
        ...(data.cmd ? { cmd: data.cmd } : {}), ...(data.keyId ? { keyId: data.keyId } : {}),
        outcome: data.outcome as 'done' | 'failed' | 'refused', ...(data.code ? { code: data.code } : {}),
      });
    }
    return true;
  }

  private async reply(body: ReplyBody): Promise<ReplyPayload> {
    const reply = { v: PROTO_VERSION, id: this.deps.ids(), ts: this.deps.clock.now(), ...body } as ReplyPayload;
    this.deps.log.info('command.reply', { tx: reply.tx, cmd: reply.cmd, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) });
    await this.deps.broker.publish({ topic: this.options.replyTopic, payload: JSON.stringify(reply), qos: 1 })
      .catch((err: Error) => this.deps.log.warn('command.reply-lost', { tx: reply.tx, error: err.message }));
    return reply;
  }
}

import { createHash } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { assertSafeLine, RouterError, type RouterCli } from '../../ports/router-cli.js';
import { ANY_PROMPT, assertAccepted, assertConfigAccepted, commandOutput, MORE } from './ios-output.js';
import { OutputBuffer } from './output-buffer.js';
import {
  INITIAL_ROUTER_SESSION,
  jitteredDelayMs,
  stepRouterSession,
  type RouterSessionEffect,
  type RouterSessionEvent,
  type SessionFailure,
  type SessionTiming,
} from '../../core/machines/router-session.js';
import { DEFAULT_OUTPUT_LIMITS_CONFIG, routerOutputLimits, type OutputLimits } from './output-limits.js';

export interface SshRouterOptions {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string;
  /** `SHA256:<base64>`; required unless acceptAnyHostKey. */
  hostKeySha256?: string;
  acceptAnyHostKey?: boolean;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Reconnect backoff with full jitter (a fleet that lost its routers at once must not come back in lockstep); default 500 ms doubling to 60 s. */
  backoff?: { baseMs: number; capMs: number; random?: () => number };
  /**
   * Bytes and lines each command may print (routerOutputLimits); beyond them the
   * session is dropped and the command fails with ROUTER_OUTPUT_TOO_LARGE.
   * Default: the configuration's defaults.
   */
  outputLimits?: OutputLimits;
  /** Called on each connect failure and disconnect; the adapter itself never logs secrets. */
  onEvent?: (event: { kind: 'connected' | 'disconnected' | 'connect-failed' | 'timeout'; code?: string; message?: string }) => void;
}

/** `SHA256:` + unpadded base64 of the key blob, as OpenSSH prints fingerprints. */
export function sshFingerprint(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

interface Session {
  id: number;
  client: Client;
  channel: ClientChannel;
  output: OutputBuffer;
  onData?: () => void;
}

/** The caller waiting for a prompt, and its timer. */
interface PromptWait {
  session: Session;
  resolve: (text: string) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One persistent SSH session to IOS with a serialised command queue: shows,
 * exec commands and config sessions never interleave. Prompt detection,
 * `terminal length 0` (and --More-- answered anyway), a timeout per command
 * (after which the session is dropped: its state is unknown), IOS error lines as
 * coded errors, reconnect with exponential backoff and full jitter.
 * The session's lifecycle is decided by core/machines/router-session.ts; this
 * dials, writes lines, reads what IOS prints and runs the timers.
 */
export class SshRouterCli implements RouterCli {
  private state = INITIAL_ROUTER_SESSION;
  /** The transport of the current session; undefined once the machine ended it. */
  private session: Session | undefined;
  private wait: PromptWait | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timing: SessionTiming;
  private readonly random: () => number;
  private readonly limits: OutputLimits;

  constructor(private readonly options: SshRouterOptions) {
    if (!options.hostKeySha256 && !options.acceptAnyHostKey) {
      throw new RouterError('ROUTER_CONNECT_FAILED', 'no pinned host key (hostKeySha256) and acceptAnyHostKey not set');
    }
    const backoff = options.backoff ?? { baseMs: 500, capMs: 60_000 };
    this.timing = { backoffBaseMs: backoff.baseMs, backoffCapMs: backoff.capMs, commandTimeoutMs: options.commandTimeoutMs };
    this.random = backoff.random ?? Math.random;
    this.limits = options.outputLimits ?? routerOutputLimits(DEFAULT_OUTPUT_LIMITS_CONFIG);
  }

  show(command: string): Promise<string> {
    return this.serial(async () => {
      assertSafeLine(command);
      const out = await this.run(command);
      assertAccepted(out, command);
      return out;
    });
  }

  /** An acting command (`clear ...`) answers with nothing when accepted: any `%` line is a refusal. */
  exec(command: string): Promise<string> {
    return this.serial(async () => {
      assertSafeLine(command);
      const out = await this.run(command);
      assertConfigAccepted(out, command);
      return out;
    });
  }

  configure(lines: readonly string[]): Promise<void> {
    return this.serial(async () => {
      lines.forEach(assertSafeLine); // all checked before the first is sent: nothing half-applied
      // One session for the whole config session: if it drops half-way, the rest must not
      // run on a new session in exec mode; the caller re-reads and decides (nothing half-assumed).
      const s = await this.ensureSession();
      const send = async (line: string) => {
        if (this.session !== s) throw new RouterError('ROUTER_DISCONNECTED', `SSH session lost before "${line.trim()}"`);
        return commandOutput(await this.runRaw(s, line));
      };
      assertAccepted(await send('configure terminal'), 'configure terminal');
      try {
        for (const line of lines) assertConfigAccepted(await send(line), line.trim());
      } finally {
        // Always leave config mode, even after a refused line, so the next show runs in exec mode.
        // A session that fails here is dropped and reopened in exec mode; the refused line is the error to report.
        if (this.session === s) await send('end').catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    this.dispatch({ kind: 'close' });
  }

  /** Drops the session (the next command reconnects). */
  disconnect(): void {
    this.dispatch({ kind: 'drop' });
  }

  get connected(): boolean {
    return this.session !== undefined;
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => {
      if (this.state.phase === 'closed') throw new RouterError('ROUTER_CLOSED', 'router session closed');
      return job();
    });
    this.queue = next.catch(() => undefined); // the caller gets the failure; the queue only orders the next job
    return next;
  }

  /** Steps the machine and runs its effects; returns them for the caller that branches on `use`, `back-off`, `connect` or `refuse`. */
  private dispatch(event: RouterSessionEvent): readonly RouterSessionEffect[] {
    const { state, effects } = stepRouterSession(this.state, event, this.timing);
    this.state = state;
    for (const effect of effects) this.execute(effect);
    return effects;
  }

  private execute(effect: RouterSessionEffect): void {
    switch (effect.kind) {
      case 'use':
      case 'back-off':
      case 'connect':
      case 'refuse':
        return; // acted on by ensureSession, which asked
      case 'page':
        this.wait?.session.channel.write(' ');
        return;
      case 'resolve-wait': {
        const w = this.takeWait();
        w?.resolve(w.session.output.text());
        return;
      }
      case 'fail-wait': {
        const w = this.takeWait();
        w?.reject(this.failure(effect.failure, w.session));
        return;
      }
      case 'hang-up': {
        const s = this.session;
        this.session = undefined;
        if (!s) return;
        s.channel.removeAllListeners('close');
        if (effect.now) s.client.destroy();
        else s.client.end();
        return;
      }
      case 'report':
        if (effect.report.kind === 'disconnected') this.session = undefined;
        this.options.onEvent?.(effect.report);
        return;
    }
  }

  private takeWait(): PromptWait | undefined {
    const w = this.wait;
    this.wait = undefined;
    if (!w) return undefined;
    clearTimeout(w.timer);
    w.session.onData = undefined;
    return w;
  }

  private failure(f: SessionFailure, s?: Session): RouterError {
    if (f.code === 'ROUTER_OUTPUT_TOO_LARGE') return s?.output.overflow ?? new RouterError(f.code, 'router output over its limit');
    return new RouterError(f.code, f.message);
  }

  /** Sends one line and collects what IOS prints until the next prompt. */
  private async run(line: string): Promise<string> {
    return commandOutput(await this.runRaw(await this.ensureSession(), line));
  }

  private runRaw(s: Session, line: string): Promise<string> {
    s.output.reset(this.limits(line), line);
    s.channel.write(line + '\n');
    return this.waitForPrompt(s, line);
  }

  private waitForPrompt(s: Session, what: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.dispatch({ kind: 'timeout' }), this.options.commandTimeoutMs);
      this.wait = { session: s, resolve, reject, timer };
      s.onData = () => this.dispatch({ kind: 'output', ...this.seen(s) });
      this.dispatch({ kind: 'wait', what });
      s.onData();
    });
  }

  /** What the output's tail shows: --More-- (dropped from the text as it is answered), the limit passed, a prompt. */
  private seen(s: Session): { more: boolean; overflow: boolean; prompt: boolean } {
    // Dropping a --More-- counts a page, which may pass the limit: overflow is read after it.
    const more = !s.output.overflow && MORE.test(s.output.tail) && s.output.dropMore();
    const overflow = s.output.overflow !== undefined;
    return { more, overflow, prompt: !overflow && !more && ANY_PROMPT.test(s.output.tail.replace(/\r/g, '')) };
  }

  private async ensureSession(): Promise<Session> {
    const first = this.dispatch({ kind: 'need' });
    if (first.some((e) => e.kind === 'use') && this.session) return this.session;
    const refusal = first.find((e) => e.kind === 'refuse');
    if (refusal) throw this.failure(refusal.failure);
    const backOff = first.find((e) => e.kind === 'back-off');
    if (backOff && backOff.ceilingMs > 0) {
      const delay = jitteredDelayMs(backOff.ceilingMs, this.random());
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }
    const dialled = this.dispatch({ kind: 'dial' });
    const refused = dialled.find((e) => e.kind === 'refuse');
    if (refused) throw new RouterError('ROUTER_CLOSED', 'router session closed');
    const id = this.state.lastSession;
    try {
      const session = await this.connect(id);
      this.session = session;
      this.dispatch({ kind: 'transport-up' });
      await this.prepareTerminal(session);
      this.dispatch({ kind: 'prepared' });
      return session;
    } catch (err) {
      const e =
        err instanceof RouterError
          ? err
          : new RouterError(
              'ROUTER_CONNECT_FAILED',
              `cannot connect to ${this.options.host}:${this.options.port}: ${(err as Error).message}`,
            );
      this.dispatch({ kind: 'connect-failed', code: e.code, message: e.message });
      throw e;
    }
  }

  /** Privileged exec (the agent's user should land there at privilege 15), then no paging. */
  private async prepareTerminal(s: Session): Promise<void> {
    const promptChar = (raw: string) => ANY_PROMPT.exec(raw.replace(/\r/g, ''))?.[3];
    if (promptChar(await this.waitForPrompt(s, 'login')) === '>') {
      if (promptChar(await this.runRaw(s, 'enable')) !== '#') {
        throw new RouterError('ROUTER_AUTH_FAILED', `user ${this.options.username} has no privileged (enable) access`);
      }
    }
    for (const cmd of ['terminal length 0', 'terminal width 0']) assertAccepted(commandOutput(await this.runRaw(s, cmd)), cmd);
  }

  private async connect(id: number): Promise<Session> {
    const { Client: SshClient } = (await import('ssh2')).default;
    const o = this.options;
    return new Promise<Session>((resolve, reject) => {
      const client: Client = new SshClient();
      // Our own socket, for setNoDelay: each command is a small write waiting for a prompt,
      // and Nagle's algorithm would hold every one of them back.
      const sock = connectTcp({ host: o.host, port: o.port });
      sock.setNoDelay(true);
      sock.on('error', (err) => reject(new RouterError('ROUTER_CONNECT_FAILED', `cannot connect to ${o.host}:${o.port}: ${err.message}`)));
      let hostKeyMismatch: string | undefined;
      const config: ConnectConfig = {
        sock,
        username: o.username,
        readyTimeout: o.connectTimeoutMs,
        keepaliveInterval: 15_000,
        ...(o.password !== undefined ? { password: o.password } : {}),
        ...(o.privateKey !== undefined ? { privateKey: o.privateKey } : {}),
        hostVerifier: (key: Buffer) => {
          if (o.acceptAnyHostKey) return true;
          const seen = sshFingerprint(key);
          if (seen === o.hostKeySha256) return true;
          hostKeyMismatch = `router host key ${seen} does not match the pinned ${o.hostKeySha256}: refusing to connect`;
          return false;
        },
      };
      client.on('ready', () => {
        client.shell({ term: 'vt100', cols: 511, rows: 24 }, (err, channel) => {
          if (err) {
            client.end();
            reject(err);
            return;
          }
          const session: Session = { id, client, channel, output: new OutputBuffer(this.limits(''), 'login') };
          channel.on('data', (d: Buffer) => {
            session.output.push(d.toString('latin1'));
            session.onData?.();
          });
          channel.on('close', () => this.dispatch({ kind: 'peer-closed', session: session.id }));
          resolve(session);
        });
      });
      client.on('error', (err: Error & { level?: string }) => {
        if (hostKeyMismatch) reject(new RouterError('ROUTER_HOSTKEY_MISMATCH', hostKeyMismatch));
        else if (err.level === 'client-authentication')
          reject(new RouterError('ROUTER_AUTH_FAILED', `authentication as ${o.username} refused`));
        else reject(err);
      });
      client.on('close', () => reject(new RouterError('ROUTER_DISCONNECTED', 'connection closed during login')));
      client.connect(config);
    });
  }
}

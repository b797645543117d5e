import { createHash } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { assertSafeLine, RouterError, type RouterCli } from '../../ports/router-cli.js';
import { Backoff } from './backoff.js';
import { ANY_PROMPT, assertAccepted, assertConfigAccepted, commandOutput, MORE } from './ios-output.js';
import { OutputBuffer } from './output-buffer.js';
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
  backoff?: Backoff;
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
  client: Client;
  channel: ClientChannel;
  output: OutputBuffer;
  onData?: () => void;
}

/**
 * One persistent SSH session to IOS with a serialised command queue: shows,
 * exec commands and config sessions never interleave. Prompt detection,
 * `terminal length 0` (and --More-- answered anyway), a timeout per command
 * (after which the session is dropped: its state is unknown), IOS error lines as
 * coded errors, reconnect with exponential backoff and full jitter.
 */
export class SshRouterCli implements RouterCli {
  private session: Session | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly backoff: Backoff;
  private readonly limits: OutputLimits;

  constructor(private readonly options: SshRouterOptions) {
    if (!options.hostKeySha256 && !options.acceptAnyHostKey) {
      throw new RouterError('ROUTER_CONNECT_FAILED', 'no pinned host key (hostKeySha256) and acceptAnyHostKey not set');
    }
    this.backoff = options.backoff ?? new Backoff(500, 60_000);
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
    this.closed = true;
    this.drop();
  }

  /** Drops the session (the next command reconnects). */
  disconnect(): void {
    this.drop();
  }

  get connected(): boolean {
    return this.session !== undefined;
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => {
      if (this.closed) throw new RouterError('ROUTER_CLOSED', 'router session closed');
      return job();
    });
    this.queue = next.catch(() => undefined); // the caller gets the failure; the queue only orders the next job
    return next;
  }

  /** Sends one line and collects what IOS prints until the next prompt. */
  private async run(line: string): Promise<string> {
    return commandOutput(await this.runRaw(await this.ensureSession(), line));
  }

  private runRaw(s: Session, line: string): Promise<string> {
    s.output.reset(this.limits(line), line);
    s.channel.write(line + '\n');
    return this.waitForPrompt(s, this.options.commandTimeoutMs, line);
  }

  private waitForPrompt(s: Session, timeoutMs: number, what: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        s.onData = undefined;
        this.options.onEvent?.({ kind: 'timeout', message: what });
        this.onSessionLost = undefined; // rejected as a timeout below, not as the drop it causes
        this.drop();
        reject(new RouterError('ROUTER_TIMEOUT', `no prompt within ${timeoutMs} ms after "${what}"`));
      }, timeoutMs);
      const check = () => {
        if (!s.output.overflow && MORE.test(s.output.tail) && s.output.dropMore()) {
          s.channel.write(' ');
          return;
        }
        if (s.output.overflow) {
          // The router is still printing: stop reading at once; the next command reconnects.
          clearTimeout(timer);
          s.onData = undefined;
          this.onSessionLost = undefined;
          this.drop(true);
          reject(s.output.overflow);
          return;
        }
        if (ANY_PROMPT.test(s.output.tail.replace(/\r/g, ''))) {
          clearTimeout(timer);
          s.onData = undefined;
          resolve(s.output.text());
        }
      };
      s.onData = check;
      this.onSessionLost = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      check();
    });
  }

  private onSessionLost: ((err: RouterError) => void) | undefined;

  private async ensureSession(): Promise<Session> {
    if (this.session) return this.session;
    const delay = this.backoff.nextDelayMs();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (this.closed) throw new RouterError('ROUTER_CLOSED', 'router session closed');
    try {
      const session = await this.connect();
      this.session = session;
      await this.prepareTerminal(session);
      this.backoff.succeeded();
      this.options.onEvent?.({ kind: 'connected' });
      return session;
    } catch (err) {
      this.backoff.failed();
      this.drop();
      const e = err instanceof RouterError ? err : new RouterError('ROUTER_CONNECT_FAILED', `cannot connect to ${this.options.host}:${this.options.port}: ${(err as Error).message}`);
      this.options.onEvent?.({ kind: 'connect-failed', code: e.code, message: e.message });
      throw e;
    }
  }

  /** Privileged exec (the agent's user should land there at privilege 15), then no paging. */
  private async prepareTerminal(s: Session): Promise<void> {
    const promptChar = (raw: string) => ANY_PROMPT.exec(raw.replace(/\r/g, ''))?.[3];
    if (promptChar(await this.waitForPrompt(s, this.options.commandTimeoutMs, 'login')) === '>') {
      if (promptChar(await this.runRaw(s, 'enable')) !== '#') {
        throw new RouterError('ROUTER_AUTH_FAILED', `user ${this.options.username} has no privileged (enable) access`);
      }
    }
    for (const cmd of ['terminal length 0', 'terminal width 0']) assertAccepted(commandOutput(await this.runRaw(s, cmd)), cmd);
  }

  private async connect(): Promise<Session> {
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
          if (err) { client.end(); reject(err); return; }
          const session: Session = { client, channel, output: new OutputBuffer(this.limits(''), 'login') };
          channel.on('data', (d: Buffer) => { session.output.push(d.toString('latin1')); session.onData?.(); });
          channel.on('close', () => this.lost(session));
          resolve(session);
        });
      });
      client.on('error', (err: Error & { level?: string }) => {
        if (hostKeyMismatch) reject(new RouterError('ROUTER_HOSTKEY_MISMATCH', hostKeyMismatch));
        else if (err.level === 'client-authentication') reject(new RouterError('ROUTER_AUTH_FAILED', `authentication as ${o.username} refused`));
        else reject(err);
      });
      client.on('close', () => reject(new RouterError('ROUTER_DISCONNECTED', 'connection closed during login')));
      client.connect(config);
    });
  }

  private lost(session: Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.options.onEvent?.({ kind: 'disconnected' });
    const notify = this.onSessionLost;
    this.onSessionLost = undefined;
    notify?.(new RouterError('ROUTER_DISCONNECTED', 'SSH session to the router closed'));
  }

  /** `now`: destroy the socket rather than say goodbye, for a router still flooding the channel. */
  private drop(now = false): void {
    const s = this.session;
    this.session = undefined;
    if (s) {
      s.channel.removeAllListeners('close');
      if (now) s.client.destroy();
      else s.client.end();
    }
    const notify = this.onSessionLost;
    this.onSessionLost = undefined;
    notify?.(new RouterError('ROUTER_DISCONNECTED', 'SSH session to the router dropped'));
  }
}

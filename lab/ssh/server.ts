/**
 * The lab router's SSH server: one per simulated spoke, several per process.
 * Password and public-key logins, interactive shells and exec channels over
 * the IOS terminal in lab/cli.
 */
import ssh2, { type Connection, type ServerChannel } from 'ssh2';
import type { LabDevice } from '../cli/grammar.js';
import type { LabLog } from '../cli/session.js';
import { Authenticator, type LabUser } from './auth.js';
import { serveSessionChannel } from './channels.js';
import { generateHostKeyPem, loadHostKey, type HostKey } from './host-key.js';

export interface LabSshServerOptions {
  device: LabDevice;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port; read it back from `port`. */
  port?: number;
  /** Private key (PKCS#1 PEM or OpenSSH); a fresh RSA 2048 key when absent. */
  hostKey?: string | Buffer;
  /** Default: admin / admin, privilege 1. */
  users?: readonly LabUser[];
  /** `enable secret`; without one `enable` needs no password. */
  enableSecret?: string;
  /** Initial `terminal length` of shells; IOS default 24. */
  terminalLength?: number;
  /** Printed before the first prompt (IOS `banner motd`). */
  banner?: string;
  log?: LabLog;
}

export const DEFAULT_USERS: readonly LabUser[] = [{ username: 'admin', password: 'admin' }];

/** IOS 15 / IOS-XE identify as `SSH-2.0-Cisco-1.25`. */
const IOS_SSH_IDENT = 'Cisco-1.25';

export class LabSshServer {
  /** Open connections: their open shell / exec channels, and when they are gone. */
  private readonly connections = new Map<Connection, { channels: Set<ServerChannel>; gone: Promise<void> }>();
  private readonly server: ssh2.Server;
  private boundPort = 0;

  private constructor(
    private readonly options: LabSshServerOptions,
    readonly hostKey: HostKey,
  ) {
    const auth = new Authenticator(options.users ?? DEFAULT_USERS);
    this.server = new ssh2.Server({ hostKeys: [hostKey.privateKey], ident: IOS_SSH_IDENT }, (conn) => this.onConnection(conn, auth));
  }

  static async start(options: LabSshServerOptions): Promise<LabSshServer> {
    const server = new LabSshServer(options, loadHostKey(options.hostKey ?? (await generateHostKeyPem())));
    await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
    return server;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.boundPort;
  }

  /** `SHA256:...` as OpenSSH prints it, for the agent to pin. */
  get fingerprint(): string {
    return this.hostKey.fingerprint;
  }

  /** Open shell and exec channels. */
  get sessionCount(): number {
    let count = 0;
    for (const { channels } of this.connections.values()) count += channels.size;
    return count;
  }

  /** Scenario "drop SSH sessions": cut every connection, as `clear line vty` does. Returns how many. */
  dropSessions(): number {
    const count = this.connections.size;
    for (const conn of this.connections.keys()) conn.end();
    this.options.log?.({ event: 'lab.ssh.sessions_dropped', port: this.port, count });
    return count;
  }

  /** Stops listening and ends every connection. */
  async close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const gone = [...this.connections.values()].map((c) => c.gone);
    for (const conn of this.connections.keys()) conn.end();
    // ssh2 reports a connection closed a little after the socket: wait for both.
    await Promise.all([stopped, ...gone]);
  }

  private listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.server.on('error', (error: Error) => this.options.log?.({ event: 'lab.ssh.server_error', error: String(error) }));
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }

  private onConnection(conn: Connection, auth: Authenticator): void {
    const channels = new Set<ServerChannel>();
    const gone = new Promise<void>((resolve) =>
      conn.on('close', () => {
        this.connections.delete(conn);
        resolve();
      }),
    );
    this.connections.set(conn, { channels, gone });
    // Without it each prompt round trip waits on Nagle + delayed ACK (~40 ms on loopback).
    (conn as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true); // missing from @types/ssh2
    let user: LabUser | undefined;
    conn.on('authentication', (ctx) => {
      user = auth.check(ctx) ?? user;
    });
    conn.on('ready', () => {
      conn.on('session', (accept) => {
        if (!user) return;
        serveSessionChannel(accept, { ...this.options, user }, (channel) => {
          channels.add(channel);
          channel.on('close', () => channels.delete(channel));
        });
      });
    });
    // A client that vanishes mid-handshake must not take the lab down.
    conn.on('error', (error) => this.options.log?.({ event: 'lab.ssh.connection_error', error: String(error) }));
  }
}

/** Starts the SSH server of one simulated router. */
export function startLabSshServer(options: LabSshServerOptions): Promise<LabSshServer> {
  return LabSshServer.start(options);
}

import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '../ports/logger.js';
import type { PresencePort } from '../ports/presence.js';

/**
 * Presence as a TCP listener: open while present, closed (connections
 * refused) while not. IP SLA `tcp-connect ... control disable` only needs the
 * handshake, so every connection is closed at once.
 */
export class TcpPresence implements PresencePort {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private wanted = false;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly listen: string,
    private readonly log: Logger,
  ) {}

  set(present: boolean): Promise<void> {
    if (present === this.wanted) return this.work;
    this.wanted = present;
    // One change at a time, in order: a quick off-on must not leave two listeners or none.
    this.work = this.work.then(() => (this.wanted ? this.open() : this.shut()));
    return this.work;
  }

  async close(): Promise<void> {
    await this.set(false);
  }

  private async open(): Promise<void> {
    if (this.server || !this.wanted) return;
    const colon = this.listen.lastIndexOf(':');
    const host = this.listen.slice(0, colon).replace(/^\[|\]$/g, '');
    const port = Number(this.listen.slice(colon + 1));
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined); // a peer that resets while we close it: nothing to tell anyone
      socket.end();
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.server = server;
      this.log.info('presence-open', { listen: this.listen });
    } catch (err) {
      this.log.error('presence-listen-failed', { listen: this.listen, error: (err as Error).message });
    }
  }

  private async shut(): Promise<void> {
    const server = this.server;
    if (!server || this.wanted) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.log.info('presence-closed', { listen: this.listen });
  }
}

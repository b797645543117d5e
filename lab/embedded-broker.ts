/**
 * aedes in-process (MQTT 3.1.1 only) on a loopback port: the demo's embedded
 * broker, and the tests'. `kill` drops every connection and stops listening
 * (an outage); `restart` listens again on the same port.
 */
import { Aedes } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';

export interface EmbeddedBroker {
  url: string;
  broker: Aedes;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * aedes' default (`concurrency: 100`) queues messages behind 100 deliveries
 * still in progress, and its mqemitter takes the next queued message
 * synchronously whenever one finishes. A queued message that no subscription
 * matches finishes at once and takes the next in the same call stack, so a
 * run of a few thousand of them (a fleet's offline statuses, or its `$SYS`
 * connect and subscribe notices, after the dashboard left) recursed three
 * frames each until the stack overflowed: an uncaught RangeError in qlobber
 * that brought the process down (reproduced in
 * test/integration/mqtt/aedes-unmatched-burst.test.ts). With 0 nothing is
 * queued, so nothing recurses; that queue was unbounded anyway, so a slow
 * subscriber's backlog now waits in its own socket instead of holding up
 * every other client's delivery.
 */
export const AEDES_OPTIONS = { concurrency: 0 } as const;

export async function startEmbeddedBroker(port = 0): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker(AEDES_OPTIONS);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((socket) => {
        socket.setNoDelay(true);
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        broker.handle(socket);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const kill = async () => {
    const s = server;
    server = undefined;
    const closed = s ? new Promise<void>((resolve) => s.close(() => resolve())) : Promise.resolve();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    broker,
    kill,
    restart: listen,
    async stop() {
      await kill();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

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
 * aedes delivers 100 messages at a time (`concurrency`) and queues the rest;
 * its mqemitter takes the next queued message synchronously whenever one
 * finishes. A queued message that no subscription matches finishes at once
 * and takes the next in the same call stack, so a run of a few thousand of
 * them (a fleet's offline statuses after the dashboard left, or aedes' own
 * `$SYS` notices of its connections and subscriptions, which nobody reads)
 * recursed three frames each until the stack overflowed: an uncaught
 * RangeError in qlobber that brought the process down (made deterministic in
 * test/integration/mqtt/aedes-unmatched-burst.test.ts). This subscription
 * matches every message and lets it finish on the next turn, so the queue
 * drains one message a turn, never on one stack. The queue itself is kept:
 * it paces a burst into a slow subscriber. `concurrency: 0` (no queue) also
 * ends the overflow, but the dashboard bench's page then took 1,000 spokes
 * changing at once in one lump: longest main-thread task 416-482 ms against
 * 160-198 ms with this, update latency p95 480-593 ms against 257-271 ms.
 */
function finishNextTurn(_packet: unknown, done: () => void): void {
  setImmediate(done);
}

export async function startEmbeddedBroker(port = 0): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  await new Promise<void>((resolve) => broker.subscribe('#', finishNextTurn, resolve));
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

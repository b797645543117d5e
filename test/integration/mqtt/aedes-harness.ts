/** aedes in-process (MQTT 3.1.1 only) on a loopback port, with an outage that cuts every connection. */
import { Aedes } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';

export interface AedesBroker {
  url: string;
  broker: Aedes;
  /** Closes the listener and drops every connection; the broker's memory (sessions, retained) survives. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAedes(): Promise<AedesBroker> {
  const broker = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () => new Promise<void>((resolve, reject) => {
    const s = createServer((socket) => {
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

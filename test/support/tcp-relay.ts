import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  port: number;
  /** The far end goes away: every connection is dropped and new ones are refused. */
  cut(): Promise<void>;
  /** The far end goes silent: connections stay open, nothing more passes either way (a hung router). */
  stall(): void;
  close(): Promise<void>;
}

/** A loopback relay to `targetPort`, so a test can take the router away from the agent mid-run. */
export async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let cutOff = false;
  let stalled = false;
  const server: Server = createServer((client) => {
    if (cutOff) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (d: Buffer) => {
      if (!stalled) upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (!stalled) client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = async () => {
    cutOff = true;
    for (const s of sockets) s.destroy();
  };
  return {
    port,
    cut,
    stall: () => {
      stalled = true;
    },
    close: async () => {
      await cut();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

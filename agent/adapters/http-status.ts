import { createServer, type Server } from 'node:http';
import type { StatusRoutes, StatusServer } from '../ports/status-server.js';
export type { StatusRoutes, StatusServer };

/** The local status endpoint: /healthz, /status (JSON), /metrics (Prometheus text). Read-only, GET only. */
export async function startStatusServer(listen: string, routes: StatusRoutes): Promise<StatusServer> {
  const colon = listen.lastIndexOf(':');
  const host = listen.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(colon + 1));
  const server: Server = createServer((req, res) => {
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only\n');
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/healthz') {
        const h = routes.health();
        return send(h.ok ? 200 : 503, 'application/json', JSON.stringify(h.body) + '\n');
      }
      if (path === '/status') return send(200, 'application/json', JSON.stringify(routes.status(), null, 2) + '\n');
      if (path === '/metrics') return send(200, 'text/plain; version=0.0.4', routes.metrics());
      return send(404, 'text/plain', 'not found: /healthz /status /metrics\n');
    } catch (err) {
      return send(500, 'text/plain', `${(err as Error).message}\n`);
    }
  });
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One lab spoke wired for use: the router model, its SSH server, and the
 * plumbing between them (scenario "drop SSH sessions", syslog). Used by
 * `spokepilot lab`, the demo and the tests; several can run in one process.
 */
import { createLabRouter, type LabRouter, type LabRouterOptions } from './router/index.js';
import { startLabSshServer, type LabSshServer, type LabSshServerOptions } from './ssh/server.js';

export interface LabSpoke {
  router: LabRouter;
  ssh: LabSshServer;
  stop(): Promise<void>;
}

export interface LabSpokeOptions extends LabRouterOptions {
  sshPort?: number;
  sshHost?: string;
  users?: LabSshServerOptions['users'];
  hostKey?: LabSshServerOptions['hostKey'];
  log?: LabSshServerOptions['log'];
}

export async function startLabSpoke(o: LabSpokeOptions): Promise<LabSpoke> {
  const router = createLabRouter(o);
  const ssh = await startLabSshServer({
    device: router,
    port: o.sshPort ?? 0,
    ...(o.sshHost ? { host: o.sshHost } : {}),
    ...(o.users ? { users: o.users } : {}),
    ...(o.hostKey ? { hostKey: o.hostKey } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  const unsubscribe = router.subscribe((e) => {
    if (e.kind === 'drop-sessions') ssh.dropSessions();
  });
  router.start();
  return {
    router,
    ssh,
    async stop() {
      unsubscribe();
      router.stop();
      await ssh.close();
    },
  };
}

import type { PresencePort } from '../../agent/ports/presence.js';
import type { World } from '../world/world.js';

/** Where the layered configuration's IP SLA tcp-connect looks for the agent (agent-on-ios-tuned.ios, ip sla 190). */
export const PRESENCE_ENDPOINT = { address: '192.168.5.2', port: 7779 } as const;

/**
 * The agent's presence listener as the lab world sees it: open or closed at
 * the IOx app's address, where the router's tcp-connect probe looks. (The lab
 * world is not a network; the real adapter, agent/adapters/tcp-presence.ts,
 * is tested on its own.)
 */
export function worldPresence(world: World): PresencePort & { kill(): void } {
  let dead = false;
  const set = (open: boolean) => world.setTcpListener(PRESENCE_ENDPOINT.address, PRESENCE_ENDPOINT.port, open);
  return {
    set: (present) => {
      if (!dead) set(present);
      return Promise.resolve();
    },
    close: () => {
      set(false);
      return Promise.resolve();
    },
    /** The process died: its listener is gone and nothing opens it again. */
    kill: () => {
      dead = true;
      set(false);
    },
  };
}

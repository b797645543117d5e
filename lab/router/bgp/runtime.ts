/** The moving state of one `router bgp` session (what show ip bgp neighbors prints). */
import type { BgpPath } from './path.js';

export interface MessageCounts {
  opens: number;
  notifications: number;
  updates: number;
  keepalives: number;
  refresh: number;
}

export type SessionState = 'Idle' | 'Active' | 'OpenSent' | 'Established';

export interface IbgpNeighborRuntime {
  address: string;
  state: SessionState;
  upDownAt: number;
  /** When the OPEN exchange completes, while one is under way. */
  openDoneAt?: number;
  lastReadAt?: number;
  lastWriteAt?: number;
  /** Negotiated timers of the current session (the lower hold time of the two speakers). */
  holdSec: number;
  keepaliveSec: number;
  sent: MessageCounts;
  rcvd: MessageCounts;
  /** Adj-RIB-in after the inbound route-map, as applied when the routes arrived. */
  received: BgpPath[];
  /** Paths the peer sent, before policy (a soft clear in asks for them again). */
  receivedRawKey: string;
  /** Adj-RIB-out as sent (after the outbound route-map of the time). */
  advertised: BgpPath[];
  advertisedKey: string;
  /** Paths the inbound policy denied at the last receipt. */
  deniedIn: number;
  establishedCount: number;
  droppedCount: number;
  lastReset?: { at: number; reason: string };
  routeUpCount: number;
  routeDownCount: number;
  hadRoute: boolean;
  /** The hub went down while the session stood: when it is heard again it opens afresh and the old session is reset. */
  peerRestarted: boolean;
}

export function zeroCounts(): MessageCounts {
  return { opens: 0, notifications: 0, updates: 0, keepalives: 0, refresh: 0 };
}

export function totalMessages(c: MessageCounts): number {
  return c.opens + c.notifications + c.updates + c.keepalives + c.refresh;
}

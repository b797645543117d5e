/**
 * What the router did, as data. Each event is logged (show logging), sent as
 * syslog where IOS would send a message, and recorded in a scenario timeline.
 */
import { Listeners } from '../../proto/listeners.js';
import type { UpDown } from './config-model.js';

export type RouterEvent =
  | { kind: 'track'; at: number; trackId: number; object: string; from: UpDown; to: UpDown }
  /** `%LINK-3-UPDOWN` / `%LINK-5-CHANGED` (administratively down). */
  | { kind: 'link'; at: number; interface: string; state: 'up' | 'down' | 'administratively down' }
  | { kind: 'line-protocol'; at: number; interface: string; state: UpDown }
  | { kind: 'ike-session'; at: number; state: UpDown; peer: string; port: number; reason?: string }
  /** The FlexVPN client chose a peer (or lost it); timeline only. */
  | { kind: 'flexvpn-peer'; at: number; client: string; peer?: string; seq?: number; reason: string }
  | { kind: 'flexvpn-source'; at: number; client: string; from?: string; to?: string }
  /** `reason`: which exchange was refused or never answered. */
  | { kind: 'ike-negotiation-failed'; at: number; client: string; peer: string; reason?: string }
  | { kind: 'dpd-miss'; at: number; peer: string; misses: number }
  | { kind: 'bgp'; at: number; neighbor: string; state: UpDown; reason?: string }
  /** `%BGP-3-NOTIFICATION: sent to neighbor A 4/0 (hold time expired) 0 bytes`: the NOTIFICATION before a reset. */
  | { kind: 'bgp-notification'; at: number; neighbor: string; code: string; text: string }
  | { kind: 'routes'; at: number; added: string[]; removed: string[] }
  /** An IP SLA reaction occurred or cleared; `logged` when IOS logs it (trap action and `ip sla logging traps`). */
  | { kind: 'ip-sla-threshold'; at: number; operation: number; element: string; state: 'occurred' | 'cleared'; logged: boolean }
  | { kind: 'config'; at: number; by: string }
  /** A scenario action changed the world; timeline only. */
  | { kind: 'world'; at: number; description: string }
  /** The terminal should close its SSH sessions. */
  | { kind: 'drop-sessions'; at: number }
  /** EEM `action syslog msg`: `%HA_EM-6-LOG: NAME: text`. */
  | { kind: 'eem-log'; at: number; applet: string; text: string }
  /** An EEM applet ran, or a run was dropped or an action had no effect; timeline only. */
  | { kind: 'eem'; at: number; applet: string; detail: string };

export type RouterEventListener = (event: RouterEvent) => void;

/** A per-router fan-out (no global bus: several spokes share one process). */
export class EventBus {
  private readonly listeners = new Listeners<RouterEvent>();

  subscribe(listener: RouterEventListener): () => void {
    return this.listeners.on(listener);
  }

  emit(event: RouterEvent): void {
    this.listeners.emit(event);
  }
}

/**
 * The IOS syslog message for each router event that IOS would log; events
 * IOS keeps silent about (DPD misses, route changes) give undefined.
 */
import type { RouterEvent } from '../router/events.js';

export interface IosMessage {
  facility: string;
  severity: number;
  mnemonic: string;
  text: string;
}

const WORD = { up: 'Up', down: 'Down' } as const;

export function messageFor(e: RouterEvent): IosMessage | undefined {
  switch (e.kind) {
    case 'track':
      return { facility: 'TRACK', severity: 6, mnemonic: 'STATE', text: `${e.trackId} ${e.object} ${WORD[e.from]} -> ${WORD[e.to]}` };
    case 'link':
      return e.state === 'administratively down'
        ? { facility: 'LINK', severity: 5, mnemonic: 'CHANGED', text: `Interface ${e.interface}, changed state to administratively down` }
        : { facility: 'LINK', severity: 3, mnemonic: 'UPDOWN', text: `Interface ${e.interface}, changed state to ${e.state}` };
    case 'line-protocol':
      return {
        facility: 'LINEPROTO',
        severity: 5,
        mnemonic: 'UPDOWN',
        text: `Line protocol on Interface ${e.interface}, changed state to ${e.state}`,
      };
    case 'ike-session':
      // Two spaces after the period, as IOS prints it.
      return {
        facility: 'CRYPTO',
        severity: 5,
        mnemonic: 'IKEV2_SESSION_STATUS',
        text: `Crypto tunnel v2 is ${e.state.toUpperCase()}.  Peer ${e.peer}:${e.port} Id: ${e.peer}`,
      };
    case 'bgp':
      return {
        facility: 'BGP',
        severity: 5,
        mnemonic: 'ADJCHANGE',
        text: `neighbor ${e.neighbor} ${WORD[e.state]}${e.reason ? ` ${e.reason}` : ' '}`,
      };
    case 'bgp-notification':
      return {
        facility: 'BGP',
        severity: 3,
        mnemonic: 'NOTIFICATION',
        text: `sent to neighbor ${e.neighbor} ${e.code} (${e.text}) 0 bytes`,
      };
    case 'ip-sla-threshold':
      // A real router's log: `%RTT-3-IPSLATHRESHOLD: IP SLAs(1): Threshold Occurred for timeout`, then `... Cleared for timeout`.
      return e.logged
        ? {
            facility: 'RTT',
            severity: 3,
            mnemonic: 'IPSLATHRESHOLD',
            text: `IP SLAs(${e.operation}): Threshold ${e.state === 'occurred' ? 'Occurred' : 'Cleared'} for ${e.element}`,
          }
        : undefined;
    case 'config':
      return { facility: 'SYS', severity: 5, mnemonic: 'CONFIG_I', text: `Configured from console by ${e.by}` };
    case 'eem-log':
      return { facility: 'HA_EM', severity: 6, mnemonic: 'LOG', text: `${e.applet}: ${e.text}` };
    case 'flexvpn-peer':
    case 'flexvpn-source':
    case 'ike-negotiation-failed':
    case 'dpd-miss':
    case 'routes':
    case 'world':
    case 'drop-sessions':
    case 'eem':
      return undefined;
  }
}

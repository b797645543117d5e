/** Records read from the crypto show commands. See common.ts for the conventions. */

export type IkeSaStatus = 'ready' | 'in-negotiation' | 'deleted' | 'unknown';

/** One IKEv2 SA, from `show crypto ikev2 sa` (and `... detailed`, which adds fields). */
export interface IkeV2Sa {
  family: 'ipv4' | 'ipv6';
  tunnelId: number;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Front-door VRF; absent when IOS prints `none` (global table). */
  fvrf?: string;
  /** Inside VRF; absent when IOS prints `none`. */
  ivrf?: string;
  status: IkeSaStatus;
  statusRaw: string;
  encryption?: string;
  keySizeBits?: number;
  prf?: string;
  hash?: string;
  dhGroup?: number;
  authSign?: string;
  authVerify?: string;
  /** Post-quantum key exchange, when negotiated (`ML-KEM-1024`). */
  pqcKeyExchange?: string;
  lifetimeSec?: number;
  activeTimeSec?: number;
  ceId?: number;
  sessionId?: number;
  localSpi?: string;
  remoteSpi?: string;
}

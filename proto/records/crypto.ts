/** Records read from the crypto show commands. See common.ts for the conventions. */

export type IkeSaStatus = 'ready' | 'in-negotiation' | 'deleted' | 'unknown';

/** `configured` / `not configured` style flags IOS prints in words. */
export type Configured = 'configured' | 'not-configured';
export type Enabled = 'enabled' | 'disabled';

/**
 * One IKEv2 SA, from `show crypto ikev2 sa` and `show crypto ikev2 sa detailed`
 * (the detailed form fills the fields from `statusDescription` on).
 */
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

  // --- detailed only ---
  /** `Negotiation done`, `Authentication done`, ... as IOS words it. */
  statusDescription?: string;
  /** IKE identities (address, FQDN, e-mail or DN, as IOS prints them). */
  localId?: string;
  remoteId?: string;
  /** IKEv2 message-id bookkeeping; a growing queue is a stuck peer. */
  localReqMsgId?: number;
  remoteReqMsgId?: number;
  localNextMsgId?: number;
  remoteNextMsgId?: number;
  localReqQueued?: number;
  remoteReqQueued?: number;
  localWindow?: number;
  remoteWindow?: number;
  /** `DPD configured for 60 seconds, retry 3`; 0 means DPD is off. */
  dpdIntervalSec?: number;
  dpdRetries?: number;
  /** `Fragmentation not configured.`, or `IETF Std Fragmentation enabled.` (RFC 7383, IOS-XE 17.x). */
  fragmentation?: Configured | Enabled;
  /** Which fragmentation the line names: Cisco's own or the IETF standard. */
  fragmentationKind?: 'cisco' | 'ietf';
  /** `IETF Std Fragmentation MTU in use: 1372 bytes.` */
  fragmentationMtuBytes?: number;
  dynamicRouteUpdate?: Enabled;
  extendedAuthentication?: Configured;
  /** `NAT-T is detected inside`: this router is behind NAT; `outside`: the peer is. */
  natT?: 'not-detected' | 'detected-inside' | 'detected-outside' | 'unknown';
  natTRaw?: string;
  ctsSgt?: Enabled;
  /** Who started the SA (`Initiator of SA : Yes`). */
  role?: 'initiator' | 'responder';
  /** Address the peer pushed to us by IKEv2 config exchange (`Pushed IP address`). */
  pushedAddress?: string;
  /** Address we assigned to the peer (`Assigned host addr`, seen on the hub side). */
  assignedPeerAddress?: string;
  /** Subnets the peer pushed by IKEv2 routing (`Remote subnets:`), as CIDR. */
  remoteSubnets?: string[];
  /**
   * Post-quantum preshared key: `enabled` (`QR` suite flag, `Quantum Resistance
   * Enabled`, `... using PPK is enabled`), `manual` or `dynamic` when IOS says which.
   */
  quantumSafePpk?: 'enabled' | 'manual' | 'dynamic';
  /** Secure key server ids of a dynamic-PPK SA (`Local Sys Id: sks1 Remote Sys Id: sks2`). */
  localSysId?: string;
  remoteSysId?: string;
  /** `PEER TYPE: Other` (IOS's classification of the peer implementation). */
  peerType?: string;
  /** EAP identity of a remote-access peer (`Remote EAP id: admin`). */
  remoteEapId?: string;
  /**
   * Detailed lines of a known shape (`Label: value`, `Label is value`, `Label
   * enabled.`) that no field above names, as printed: what a newer release adds.
   */
  otherAttributes?: Record<string, string>;
}

export type CryptoSessionStatus = 'up-active' | 'up-idle' | 'up-no-ike' | 'down-negotiating' | 'down' | 'unknown';

/** One IKE SA of a crypto session (`IKE SA:` / `IKEv1 SA:` / `IKEv2 SA:`). */
export interface CryptoSessionIkeSa {
  /** Absent when IOS prints only `IKE SA` (older releases). */
  version?: 'ikev1' | 'ikev2';
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  status: 'active' | 'inactive' | 'unknown';
  statusRaw: string;
  /** `Session ID:` printed just before the SA. */
  sessionId?: number;
  // detail only
  /** Capability letters (`DN`: DPD and NAT-T); absent for `(none)`. */
  capabilities?: string;
  connId?: number;
  lifetimeRemainingSec?: number;
}

/** One IPsec flow of a crypto session (`IPSEC FLOW: permit 47 host A host B`). */
export interface CryptoSessionFlow {
  /** The selector as IOS prints it, trimmed. */
  acl: string;
  action: string;
  /** `ip`, `ipv6`, `gre`, or a protocol number as printed (`47`). */
  protocol: string;
  /** Selector prefixes as CIDR (`host A` is a /32, `any` the whole family). */
  localPrefix?: string;
  remotePrefix?: string;
  localPort?: number;
  remotePort?: number;
  activeSas?: number;
  /** `crypto map` (also for tunnel protection, which IOS implements as one). */
  origin?: string;
  // detail only
  inboundPktsDecrypted?: number;
  inboundPktsDropped?: number;
  /** Remaining lifetime; kilobytes absent when IOS prints `KB Vol Rekey Disabled`. */
  inboundLifeKb?: number;
  inboundLifeSec?: number;
  outboundPktsEncrypted?: number;
  outboundPktsDropped?: number;
  outboundLifeKb?: number;
  outboundLifeSec?: number;
}

/** One crypto session (one peer of one interface), from `show crypto session [detail]`. */
export interface CryptoSession {
  /** Canonical interface name (`Tunnel13`, `Virtual-Access2`). */
  interface: string;
  profile?: string;
  username?: string;
  group?: string;
  assignedAddress?: string;
  uptimeSec?: number;
  status: CryptoSessionStatus;
  statusRaw: string;
  peerAddress?: string;
  peerPort?: number;
  /** Absent when IOS prints `(none)`. */
  fvrf?: string;
  ivrf?: string;
  phase1Id?: string;
  description?: string;
  /** SD-WAN system IP of the peer (`System IP: 13.13.13.11  Interface: Tu1`). */
  systemIp?: string;
  ikeSas: CryptoSessionIkeSa[];
  flows: CryptoSessionFlow[];
}

/** A proxy identity of an IPsec SA: `(20.20.20.0/255.255.255.0/0/0)`. */
export interface IpsecIdent {
  /** CIDR. */
  prefix: string;
  /** IP protocol number; 0 is any. */
  protocol: number;
  /** Port; 0 is any. */
  port: number;
}

export type IpsecSaStatus = 'active' | 'standby' | 'unknown';

/** One inbound or outbound SA under an ident of `show crypto ipsec sa`. */
export interface IpsecSa {
  direction: 'inbound' | 'outbound';
  protocol: 'esp' | 'ah' | 'pcp';
  /** Hex as IOS prints it, `0x658F7C11`. */
  spi: string;
  transform?: string;
  /** `in use settings ={Tunnel, esn}` -> `['Tunnel', 'esn']`. */
  settings?: string[];
  /** `slot: 0, conn id: ...` of 12.x: the crypto engine's slot. */
  slot?: number;
  connId?: number;
  /** `CSR:76`, `Onboard VPN:124`: crypto engine and flow number. */
  flowId?: string;
  siblingFlags?: string;
  cryptoMap?: string;
  /** `initiator : True` (newer IOS-XE). */
  initiator?: boolean;
  remainingLifetimeKb?: number;
  remainingLifetimeSec?: number;
  ivSizeBytes?: number;
  replayDetection?: boolean;
  replayWindowSize?: number;
  /** `ecn bit support: Y status: off`: whether the SA can copy the ECN bits between inner and outer header, and whether it does. */
  ecnSupport?: boolean;
  ecnStatus?: string;
  status?: IpsecSaStatus;
  statusRaw?: string;
}

/** Packet counters of an ident; the detail form adds the error breakdown. */
export interface IpsecCounters {
  pktsEncaps?: number;
  pktsEncrypt?: number;
  pktsDigest?: number;
  pktsDecaps?: number;
  pktsDecrypt?: number;
  pktsVerify?: number;
  pktsCompressed?: number;
  pktsDecompressed?: number;
  pktsNotCompressed?: number;
  pktsCompressFailed?: number;
  pktsNotDecompressed?: number;
  pktsDecompressFailed?: number;
  sendErrors?: number;
  recvErrors?: number;
  pktsNoSaSend?: number;
  pktsInvalidSaRecv?: number;
  pktsEncapsFailedSend?: number;
  pktsDecapsFailedRecv?: number;
  pktsInvalidProtRecv?: number;
  pktsVerifyFailed?: number;
  pktsInvalidIdentityRecv?: number;
  pktsInvalidLenRecv?: number;
  pktsReplayRolloverSend?: number;
  pktsReplayRolloverRecv?: number;
  pktsReplayFailedRecv?: number;
  pktsTaggedSend?: number;
  pktsUntaggedRecv?: number;
  pktsNotTaggedSend?: number;
  pktsNotUntaggedRecv?: number;
  pktsInternalErrSend?: number;
  pktsInternalErrRecv?: number;
}

/**
 * One ident (proxy pair) of one interface, from `show crypto ipsec sa [detail]`,
 * with the interface's crypto map fields repeated so each record stands alone.
 */
export interface IpsecSaIdent {
  /** Canonical interface name. */
  interface: string;
  cryptoMapTag?: string;
  /** `local addr` of the crypto map line. */
  localAddress?: string;
  /** Absent when IOS prints `(none)`. */
  protectedVrf?: string;
  localIdent?: IpsecIdent;
  remoteIdent?: IpsecIdent;
  peerAddress?: string;
  peerPort?: number;
  /** `PERMIT` -> `permit`. */
  action?: string;
  /** `flags={origin_is_acl,}` -> `['origin_is_acl']`. */
  flags?: string[];
  counters: IpsecCounters;
  localEndpoint?: string;
  remoteEndpoint?: string;
  plaintextMtu?: number;
  pathMtu?: number;
  ipMtu?: number;
  /** `media mtu` of 12.x (`path mtu 1500, media mtu 1500`): the outgoing interface's MTU. */
  mediaMtu?: number;
  /** Canonical name of the interface whose MTU applies (`ip mtu idb`). */
  ipMtuInterface?: string;
  /** Hex with `0x`, `0x0` when no SA is up (12.x prints it bare, `20890A6F`: the `0x` is added). */
  currentOutboundSpi?: string;
  pfs?: boolean;
  /** Absent when IOS prints `none`; `group 14` is read as `group14`. */
  dhGroup?: string;
  /** Items IOS-XE prints after the DH group on the PFS line (further key exchanges), as printed. */
  additionalKeyExchanges?: string[];
  sas: IpsecSa[];
}

/** `Current state:` of a FlexVPN client block; only `ACTIVE` is documented. */
export type FlexVpnClientState = 'active' | 'unknown';

/** One `crypto ikev2 client flexvpn` block, from `show crypto ikev2 client flexvpn`. */
export interface FlexVpnClient {
  profile: string;
  currentState: FlexVpnClientState;
  currentStateRaw: string;
  /** The peer in use: an address or a name; absent when IOS prints `None`. */
  peer?: string;
  /** Canonical WAN interface the tunnel is sourced from. */
  sourceInterface?: string;
  /** Absent for `IP DEFAULT` (global table). */
  ivrf?: string;
  fvrf?: string;
  /** `backup group <n>` or `backup group default`; absent for `None`. */
  backupGroup?: number | 'default';
  /** Canonical name of the tunnel the client connects (`client connect Tunnel0`). */
  tunnelInterface?: string;
}

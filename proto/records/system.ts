/** Records read from `show version`, `show logging` and syslog messages. See common.ts for the conventions. */

// ---------------------------------------------------------------- show version

/** One row of a licence table (`Technology Package License Information`). */
export interface LicensePackage {
  /** The technology column (`ipbase`, `security`); absent on tables that print none (IOS-XE). */
  technology?: string;
  /** Level in use now (`ipbasek9`, `network-advantage`, `None`). */
  current: string;
  /** `Permanent`, `RightToUse`, `Smart License`, ... */
  type: string;
  nextReboot: string;
}

/** A file system listed as `<n>K bytes of <type> at <name>.` */
export interface Filesystem {
  /** `flash:`, `bootflash:`, `crashinfo-2:` */
  name: string;
  /** `Flash`, `eUSB flash`, `Crash Files`; empty when IOS prints none (`0K bytes of  at webui:.`). */
  type: string;
  sizeKb: number;
}

/** One switch of a stack (or the single chassis of a switch), from the table and the per-switch blocks. */
export interface StackMember {
  number: number;
  /** The member this session runs on (`*` in the table). */
  active?: boolean;
  ports?: number;
  model?: string;
  swVersion?: string;
  swImage?: string;
  /** `INSTALL` or `BUNDLE`. */
  mode?: string;
  uptimeSec?: number;
  macAddress?: string;
  systemSerialNumber?: string;
  modelNumber?: string;
  modelRevision?: string;
  motherboardAssemblyNumber?: string;
  motherboardSerialNumber?: string;
  motherboardRevision?: string;
  versionId?: string;
  cleiCode?: string;
  topAssemblyPartNumber?: string;
  topAssemblyRevision?: string;
  /** This member's `Last reload reason` / `Last reload type` (Catalyst 9000 member blocks). */
  lastReloadReason?: string;
  lastReloadType?: string;
  /** Other `Label : value` lines of the block (`SFP Module serial number`), labels as printed. */
  otherFields?: Record<string, string>;
}

/** The one record of `show version`. */
export interface SystemVersion {
  /** From `<hostname> uptime is ...`; absent (with a warning) when that line is missing. */
  hostname?: string;
  /** `ios` or `ios-xe`, from the software banner. */
  os?: 'ios' | 'ios-xe';
  /** IOS version: `15.0(1)M7`, `17.5.1a`. */
  version?: string;
  /** IOS-XE package version from `Cisco IOS XE Software, Version 17.05.01a`. */
  xeVersion?: string;
  /** True when that line says `- SMU-PATCHED`. */
  smuPatched?: boolean;
  /** Other labels of that line (`Extended Support Release`). */
  xeVersionLabel?: string;
  /** Platform named in the banner: `C3900`, `ISR`, `Catalyst L3 Switch`. */
  softwarePlatform?: string;
  /** Image feature set: `C3900-UNIVERSALK9-M`, `X86_64_LINUX_IOSD-UNIVERSALK9-M`. */
  imageId?: string;
  /** Release train name in brackets: `Everest`, `Bengaluru`. */
  releaseTrain?: string;
  /** What follows the version: `RELEASE SOFTWARE (fc2)`, or a build label for experimental images. */
  releaseLabel?: string;
  experimental?: boolean;
  /** `Fri 05-Aug-11 00:32` as printed. */
  compiledAt?: string;
  compiledBy?: string;
  rom?: string;
  bootloader?: string;
  uptimeSec?: number;
  controlProcessorUptimeSec?: number;
  returnedToRomBy?: string;
  /** Catalyst 6500/7600: why the switch processor restarted, `(SP by power on)`. */
  spReturnedToRomBy?: string;
  /** As printed: `10:26:47 EST Mon Dec 9 2019`. */
  returnedToRomAt?: string;
  restartedAt?: string;
  /** `System restarted by bus error at PC 0x31ABEF8, address 0xFC4AFC48 at ...` */
  restartedBy?: string;
  /** `flash0:c3900-universalk9-mz.SPA.150-1.M7.bin` */
  systemImage?: string;
  lastReloadType?: string;
  lastReloadReason?: string;
  /** `Last reset from s/w reset` (older platforms print this instead of a reload reason). */
  lastResetFrom?: string;
  /** Chassis model: `CISCO3945-CHASSIS`, `ISR4451-X/K9`, `C9300-24P`. */
  chassis?: string;
  /** CPU named in brackets after the model: `MPC8548`, `X86`. */
  processorType?: string;
  /** Processor board revision when printed: `revision 1.1`, `0x400`. */
  processorRevision?: string;
  /** CPU board named after the chassis on ISR G2: `C3900-SPE150/K9`. */
  processorBoard?: string;
  memoryKb?: number;
  ioMemoryKb?: number;
  physicalMemoryKb?: number;
  nvramKb?: number;
  /** Processor board ID. */
  serialNumber?: string;
  configRegister?: string;
  /** When IOS prints `(will be 0x2102 at next reload)`. */
  nextConfigRegister?: string;
  licenseLevel?: string;
  licenseType?: string;
  nextReloadLicenseLevel?: string;
  airLicenseLevel?: string;
  nextReloadAirLicenseLevel?: string;
  licensePackages?: LicensePackage[];
  smartLicensingStatus?: string;
  /** Throughput licence of the crypto engine (ISR 1000/4000): tunnels are shaped to it. */
  cryptoThroughputKbps?: number;
  /** Platform throughput licence (C8000V, SD-WAN images). */
  throughputKbps?: number | 'unthrottled';
  /** Licence kinds beyond the base and AIR ones, by label as printed: `{ 'Addon License Level': 'dna-premier' }`. */
  otherLicenses?: Record<string, string>;
  licenseMode?: string;
  /** `Autonomous` or `Controller-Managed` (SD-WAN). */
  routerOperatingMode?: string;
  installationMode?: string;
  filesystems?: Filesystem[];
  stackMembers?: StackMember[];
}

// ---------------------------------------------------------------- syslog

export type SyslogSeverityName = 'emergency' | 'alert' | 'critical' | 'error' | 'warning' | 'notice' | 'informational' | 'debugging';

/**
 * The timestamp IOS put on a message, as printed and, where it has a date or an
 * uptime, taken apart. Never completed from a clock: a missing year stays absent.
 */
export interface SyslogTimestamp {
  /** As printed, without the leading marker and trailing colon: `Mar  1 00:01:23.456 UTC`, `1d02h`. */
  text: string;
  /** `*`: the clock was never set (not authoritative); `.`: it was set but lost NTP sync. */
  clock?: 'unsynchronised' | 'sync-lost';
  /** 1-12. */
  month?: number;
  day?: number;
  year?: number;
  /** `hh:mm:ss` or `hh:mm:ss.mmm`. */
  time?: string;
  timezone?: string;
  /** Uptime-style stamps (`1d02h`, `2w3d`, `00:01:23`): seconds since boot. */
  uptimeSec?: number;
}

export type UpDown = 'up' | 'down';
export type LinkState = 'up' | 'down' | 'administratively-down' | 'deleted' | 'unknown';

/** `%TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down` */
export interface TrackStateDetail {
  kind: 'track-state';
  trackId: number;
  /** What the track follows, as printed: `ip sla 1 reachability`, `interface Gi0/0 line-protocol`. */
  object: string;
  from: UpDown;
  to: UpDown;
}

/** `%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down` */
export interface LineProtocolDetail {
  kind: 'line-protocol';
  interface: string;
  state: LinkState;
  stateRaw: string;
}

/** `%LINK-3-UPDOWN` and `%LINK-5-CHANGED: Interface Gi0/1, changed state to administratively down` */
export interface LinkDetail {
  kind: 'link';
  interface: string;
  state: LinkState;
  stateRaw: string;
}

/** `%BGP-5-ADJCHANGE: neighbor 10.0.0.254 [vpn vrf X] Down BGP Notification sent` */
export interface BgpAdjacencyDetail {
  kind: 'bgp-adjacency';
  neighbor: string;
  vrf?: string;
  state: UpDown;
  /** Text after the state, when printed: `BGP Notification sent`, `Peer closed the session`. */
  reason?: string;
}

/**
 * `%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.  Peer 198.51.100.1:500 Id: 198.51.100.1`
 * and `%CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer ...`.
 */
export interface CryptoSessionDetail {
  kind: 'crypto-session';
  /** Which message: the IKEv2 one (`tunnel v2`) or the generic crypto session one. */
  session: 'ikev2' | 'crypto';
  state: UpDown;
  peerAddress?: string;
  peerPort?: number;
  /** The peer's IKE identity as printed (address, FQDN or DN). */
  peerId?: string;
  fvrf?: string;
  ivrf?: string;
}

/** `%IKEV2-5-SA_UP` / `%IKEV2-5-SA_DOWN`; fields are taken by keyword, whichever are printed. */
export interface Ikev2SaDetail {
  kind: 'ikev2-sa';
  state: UpDown;
  localAddress?: string;
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
  fvrf?: string;
  ivrf?: string;
  reason?: string;
}

/**
 * `%RTT-3-IPSLATHRESHOLD: IP SLAs(41): Threshold Occurred for rtt` (and `Cleared`): an IP SLA
 * threshold reaction (`ip sla reaction-configuration ... action-type trapOnly` with
 * `ip sla logging traps`).
 */
export interface SlaThresholdDetail {
  kind: 'sla-threshold';
  operation: number;
  event: 'occurred' | 'cleared';
  /** The reaction's element as printed: `rtt`, `timeout`, `packetLossSD`, `jitterAvg`... */
  element: string;
}

export type SyslogDetail =
  TrackStateDetail | LineProtocolDetail | LinkDetail | BgpAdjacencyDetail | CryptoSessionDetail | Ikev2SaDetail | SlaThresholdDetail;

/** One syslog message, received over UDP or read from the log buffer. */
export interface SyslogRecord {
  /** `<PRI>` when received over the network: facility * 8 + severity. */
  priority?: number;
  /**
   * `service sequence-numbers` counter (`000123: `); when a UDP message prints
   * only one number, that one (it may be the message counter).
   */
  sequence?: number;
  /** The UDP message counter, when IOS printed it before the service sequence number (`<189>45: spoke1: 000123: `). */
  messageCounter?: number;
  /** Origin host when the message carries one (`logging origin-id`, or a relay's header). */
  hostname?: string;
  timestamp?: SyslogTimestamp;
  /** IOS facility of `%FACILITY-SEVERITY-MNEMONIC`: `LINEPROTO`, `CRYPTO`. Absent on messages without one. */
  facility?: string;
  /** The stack member, supervisor or card named inside the mnemonic: `SW1` of `%FAC-SW1-6-MNEMONIC`, `SW2_SPSTBY`, `DFC4`. */
  unit?: string;
  /** 0 (emergency) to 7 (debugging). */
  severity?: number;
  severityName?: SyslogSeverityName;
  mnemonic?: string;
  /** The message text after the mnemonic (or after the timestamp when there is none). */
  text: string;
  /** IOS-XE platform messages: the slot and process the text starts with (`R0/0`, `stack_mgr`); `text` keeps them. */
  location?: string;
  process?: string;
  detail?: SyslogDetail;
  /** The buffer's oldest line lost its beginning to wrap-around; what is left is kept. */
  truncated?: boolean;
}

// ---------------------------------------------------------------- show logging

export type LoggingStatus = 'enabled' | 'disabled';

/** `Console logging: level debugging, 9789 messages logged, xml disabled, filtering disabled` */
export interface LoggingDestination {
  status: LoggingStatus;
  level?: string;
  messagesLogged?: number;
  xml?: LoggingStatus;
  filtering?: LoggingStatus;
}

/** `Logging to 10.0.0.1 (vrf) (udp port 514, audit disabled, link up), N message lines logged, ...` */
export interface SyslogHost {
  address: string;
  vrf?: string;
  /** `udp`, `tcp`, `tls`. */
  transport?: string;
  port?: number;
  audit?: LoggingStatus;
  link?: string;
  messageLinesLogged?: number;
  messageLinesRateLimited?: number;
  messageLinesDroppedByMd?: number;
  xml?: LoggingStatus;
  sequenceNumber?: LoggingStatus;
  filtering?: LoggingStatus;
  tlsProfile?: string;
  /** Other `<option> enabled|disabled` items (`authentication`, `encryption` on TLS hosts). */
  options?: Record<string, LoggingStatus>;
  /** Other `N message lines <what>` counters, by `<what>` as printed. */
  counters?: Record<string, number>;
}

export interface PersistentLogging {
  status: LoggingStatus;
  url?: string;
  diskSpaceBytes?: number;
  fileSizeBytes?: number;
  batchSizeBytes?: number;
  thresholdPercent?: number;
}

export interface LoggingTlsProfile {
  name: string;
  ciphersuites?: string[];
  trustpoint?: string;
  tlsVersion?: string;
}

/** The settings part of `show logging`. */
export interface LoggingSettings {
  syslog?: LoggingStatus;
  messagesDropped?: number;
  messagesRateLimited?: number;
  flushes?: number;
  overruns?: number;
  xml?: LoggingStatus;
  filtering?: LoggingStatus;
  console?: LoggingDestination;
  monitor?: LoggingDestination;
  buffer?: LoggingDestination;
  /** `Exception Logging: size (4096 bytes)` or `Disabled`. */
  exceptionStatus?: LoggingStatus;
  exceptionSizeBytes?: number;
  countAndTimestamp?: LoggingStatus;
  file?: LoggingStatus;
  persistent?: PersistentLogging;
  trap?: LoggingDestination;
  hosts?: SyslogHost[];
  /** `Logging Source-Interface:` table: interface and its VRF when printed. */
  sourceInterfaces?: Array<{ interface: string; vrf?: string }>;
  tlsProfiles?: LoggingTlsProfile[];
  bufferSizeBytes?: number;
}

/** The one record of `show logging`: settings and the buffered messages, oldest first. */
export interface LoggingReport {
  settings: LoggingSettings;
  messages: SyslogRecord[];
}

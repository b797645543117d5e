import type { LoggingDestination, LoggingSettings, LoggingStatus, LoggingTlsProfile, SyslogHost } from '../../../proto/records/system.js';
import { canonicalInterface, looksLikeInterface } from '../interface-name.js';

/**
 * The settings part of `show logging`. Several entries wrap onto indented
 * continuation lines (`Monitor logging: level debugging, 0 messages logged, xml
 * disabled,` / `filtering disabled`), so the reader keeps the entry that is open
 * and applies comma-separated items to it, whichever line they are on.
 */
export type OpenEntry =
  | { kind: 'destination'; target: LoggingDestination }
  | { kind: 'host'; target: SyslogHost }
  | { kind: 'source-interfaces' }
  | { kind: 'tls-profiles'; profile?: LoggingTlsProfile }
  | { kind: 'discriminators' }
  | { kind: 'syslog'; closed: boolean }
  | { kind: 'none' };

const status = (w: string): LoggingStatus => (w.toLowerCase() === 'enabled' ? 'enabled' : 'disabled');

/** `0 messages dropped`, `149 messages rate-limited`, `xml disabled`, ...: the items of `Syslog logging: enabled (...)`. */
function syslogItems(s: LoggingSettings, text: string): boolean {
  for (const item of text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    let c: RegExpExecArray | null;
    if ((c = /^(\d+) messages dropped$/.exec(item))) s.messagesDropped = Number(c[1]);
    else if ((c = /^(\d+) messages rate-limited$/.exec(item))) s.messagesRateLimited = Number(c[1]);
    else if ((c = /^(\d+) flushes$/.exec(item))) s.flushes = Number(c[1]);
    else if ((c = /^(\d+) overruns$/.exec(item))) s.overruns = Number(c[1]);
    else if ((c = /^xml (enabled|disabled)$/.exec(item))) s.xml = status(c[1]!);
    else if ((c = /^filtering (enabled|disabled)$/.exec(item))) s.filtering = status(c[1]!);
    else return false;
  }
  return true;
}

/**
 * `Syslog logging: enabled (0 messages dropped, 149 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)`.
 * The list may wrap after a comma (the IOS Configuration Fundamentals Command Reference prints
 * it on two lines): it stays open until its `)`, like the other wrapped entries.
 */
function syslogLine(s: LoggingSettings, rest: string): OpenEntry | undefined {
  const m = /^(enabled|disabled)(?:\s*\(([^()]*)(\))?)?$/.exec(rest);
  if (!m) return undefined;
  s.syslog = status(m[1]!);
  if (m[2] === undefined) return { kind: 'none' };
  if (!syslogItems(s, m[2])) return undefined;
  return m[3] === undefined ? { kind: 'syslog', closed: false } : { kind: 'none' };
}

/** Applies `level debugging`, `481 messages logged`, `xml disabled`, ... to a destination. */
export function destinationItems(d: LoggingDestination, text: string): boolean {
  for (const item of text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    let c: RegExpExecArray | null;
    if ((c = /^(enabled|disabled)$/.exec(item))) d.status = status(c[1]!);
    else if ((c = /^level (\S+)$/.exec(item))) {
      d.level = c[1]!;
      d.status = 'enabled';
    } else if ((c = /^(\d+) messages? (?:lines )?logged$/.exec(item))) d.messagesLogged = Number(c[1]);
    else if ((c = /^xml (enabled|disabled)$/.exec(item))) d.xml = status(c[1]!);
    // `filtering enabled (0 messages logged)` (genieparser iosxe golden_output_19)
    else if ((c = /^filtering (enabled|disabled)(?: \(\d+ messages logged\))?$/.exec(item))) d.filtering = status(c[1]!);
    else return false;
  }
  return true;
}

/** Applies `udp port 514`, `audit disabled`, `link up)`, `1189 message lines logged`, ... to a host. */
export function hostItems(h: SyslogHost, text: string): boolean {
  for (const raw of text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    const item = raw.replace(/^\(|\)$/g, '');
    let c: RegExpExecArray | null;
    if ((c = /^(\w+) port (\d+)$/.exec(item))) {
      h.transport = c[1]!;
      h.port = Number(c[2]);
    } else if ((c = /^audit (enabled|disabled)$/.exec(item))) h.audit = status(c[1]!);
    else if ((c = /^link (\S+)$/.exec(item))) h.link = c[1]!;
    else if ((c = /^(\d+) message lines logged$/.exec(item))) h.messageLinesLogged = Number(c[1]);
    else if ((c = /^(\d+) message lines rate-limited$/.exec(item))) h.messageLinesRateLimited = Number(c[1]);
    else if ((c = /^(\d+) message lines dropped-by-MD$/.exec(item))) h.messageLinesDroppedByMd = Number(c[1]);
    else if ((c = /^xml (enabled|disabled)$/.exec(item))) h.xml = status(c[1]!);
    else if ((c = /^sequence number (enabled|disabled)$/.exec(item))) h.sequenceNumber = status(c[1]!);
    else if ((c = /^filtering (enabled|disabled)$/.exec(item))) h.filtering = status(c[1]!);
    else if ((c = /^tls-profile: (\S+)$/.exec(item))) h.tlsProfile = c[1]!;
    // Options a release adds (`authentication disabled`, `encryption disabled` on TLS hosts)
    // and further counters (`0 message lines dropped-by-ratelimit`), kept by label.
    else if ((c = /^([a-z][\w -]*?) (enabled|disabled)$/i.exec(item))) (h.options ??= {})[c[1]!] = status(c[2]!.toLowerCase());
    else if ((c = /^(\d+) (message lines [\w -]+)$/.exec(item))) (h.counters ??= {})[c[2]!] = Number(c[1]);
    else return false;
  }
  return true;
}

/** `enabled, url bootflash:/syslog, disk space 104857600 bytes, ..., threshold capacity 5  alert , immediate , protected , notify` */
function persistentLine(s: LoggingSettings, rest: string): boolean {
  const items = rest
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const p: LoggingSettings['persistent'] = { status: status(items[0] ?? '') };
  if (!/^(enabled|disabled)$/.test(items[0] ?? '')) return false;
  for (const item of items.slice(1)) {
    let c: RegExpExecArray | null;
    if ((c = /^url (\S+)$/.exec(item))) p.url = c[1]!;
    else if ((c = /^disk space (\d+) bytes$/.exec(item))) p.diskSpaceBytes = Number(c[1]);
    else if ((c = /^file size (\d+) bytes$/.exec(item))) p.fileSizeBytes = Number(c[1]);
    else if ((c = /^batch size (\d+) bytes$/.exec(item))) p.batchSizeBytes = Number(c[1]);
    // genieparser iosxe golden_output_13: `threshold capacity 5  alert` then bare flags
    else if ((c = /^threshold capacity (\d+)(?:\s+alert)?$/.exec(item))) p.thresholdPercent = Number(c[1]);
    else if (!/^(immediate|protected|notify|alert)$/.test(item)) return false;
  }
  s.persistent = p;
  return true;
}

function destination(s: LoggingSettings, key: 'console' | 'monitor' | 'buffer' | 'trap', rest: string): OpenEntry | undefined {
  const d: LoggingDestination = { status: 'disabled' };
  if (!destinationItems(d, rest)) return undefined;
  s[key] = d;
  return { kind: 'destination', target: d };
}

/**
 * Reads one settings line that starts an entry (`Console logging: ...`).
 * Returns the entry now open, or `undefined` when the line starts none.
 */
export function settingsLine(s: LoggingSettings, t: string): OpenEntry | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^Syslog logging: (.*)$/.exec(t))) return syslogLine(s, m[1]!.trim());
  if ((m = /^(Console|Monitor|Buffer|Trap) logging:\s*(.*)$/.exec(t))) {
    return destination(s, m[1]!.toLowerCase() as 'console' | 'monitor' | 'buffer' | 'trap', m[2]!);
  }
  // `Exception Logging: size (4096 bytes)` (IOS-XE); 12.x and 15.x: `Logging Exception size (8192 bytes)`.
  if ((m = /^(?:Exception Logging:|Logging Exception) (?:size \((\d+) bytes\)|(Disabled))$/i.exec(t))) {
    if (m[1] !== undefined) s.exceptionSizeBytes = Number(m[1]);
    else s.exceptionStatus = 'disabled';
    return { kind: 'none' };
  }
  if ((m = /^Count and timestamp logging messages: (enabled|disabled)$/.exec(t))) {
    s.countAndTimestamp = status(m[1]!);
    return { kind: 'none' };
  }
  if ((m = /^File logging: (enabled|disabled)$/.exec(t))) {
    s.file = status(m[1]!);
    return { kind: 'none' };
  }
  if ((m = /^Persistent logging: (.*)$/.exec(t))) return persistentLine(s, m[1]!) ? { kind: 'none' } : undefined;
  // `Logging to 10.0.0.9  (vrf) (udp port 514, audit disabled, link up),`; 12.x prints no
  // parenthesised part (`Logging to 10.0.0.9, 20 message lines logged`).
  if ((m = /^Logging to ([^\s,:][^\s,]*),?(?:\s+\(([^\s(),]+)\))?(?:\s+(.*))?$/.exec(t))) {
    const h: SyslogHost = { address: m[1]! };
    if (m[2] !== undefined) h.vrf = m[2];
    if (m[3] !== undefined && !hostItems(h, m[3])) return undefined;
    (s.hosts ??= []).push(h);
    return { kind: 'host', target: h };
  }
  if (/^Logging Source-Interface:\s+VRF Name:$/.test(t)) {
    s.sourceInterfaces ??= [];
    return { kind: 'source-interfaces' };
  }
  if (/^TLS Profiles:$/.test(t)) {
    s.tlsProfiles ??= [];
    return { kind: 'tls-profiles' };
  }
  if (/^(?:In)?[Aa]ctive Message Discriminator:$/.test(t)) return { kind: 'discriminators' };
  // Lines that carry nothing we keep, each recognised by its whole shape.
  if (/^No (?:In)?[Aa]ctive Message Discriminator\.$|^No active filter modules\.$|^ESM: \d+ messages dropped$/.test(t))
    return { kind: 'none' };
  return undefined;
}

/** A line inside the open entry; false when it does not belong there. */
export function entryLine(s: LoggingSettings, open: OpenEntry, t: string): boolean {
  switch (open.kind) {
    case 'destination':
      // Monitor logging lists the terminals it logs to: `Logging to: vty2(1297)`.
      return /^Logging to: \S+$/.test(t) || destinationItems(open.target, t);
    case 'host':
      return hostItems(open.target, t);
    case 'source-interfaces': {
      const m = /^(\S+)(?:\s+(\S+))?$/.exec(t);
      if (!m || !looksLikeInterface(m[1]!)) return false;
      const row: { interface: string; vrf?: string } = { interface: canonicalInterface(m[1]!) };
      if (m[2] !== undefined) row.vrf = m[2];
      s.sourceInterfaces!.push(row);
      return true;
    }
    case 'tls-profiles':
      return tlsProfileLine(s, open, t);
    case 'discriminators':
      // A discriminator and its first clause: `test      mnemonics      drops    CONFIG_I` (genieparser
      // iosxe golden_output_19), `ATTFLTR1 severity group includes 1,2,5` (the severity clause names
      // a group); then its rate limit, `rate-limit not to exceed 100 messages per second` (IOS
      // Configuration Fundamentals Command Reference, show logging).
      return (
        /^\S+\s+(?:facility|mnemonics|msg-body|severity(?:\s+group)?)\s+(?:drops|includes)\s+\S/.test(t) ||
        /^rate-limit not to exceed \d+ messages per second$/.test(t)
      );
    case 'syslog': {
      // The wrapped rest of `Syslog logging: enabled (...`, up to its `)`.
      const m = /^([^()]*?)(\))?$/.exec(t);
      if (open.closed || !m || !syslogItems(s, m[1]!)) return false;
      open.closed = m[2] !== undefined;
      return true;
    }
    case 'none':
      return false;
  }
}

function tlsProfileLine(s: LoggingSettings, open: Extract<OpenEntry, { kind: 'tls-profiles' }>, t: string): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^Profile Name: (.+)$/.exec(t))) {
    open.profile = { name: m[1]!.trim() };
    s.tlsProfiles!.push(open.profile);
    return true;
  }
  if (!open.profile) return false;
  if ((m = /^Ciphersuites:\s*(.+)$/.exec(t))) {
    open.profile.ciphersuites = m[1]!.trim().split(/\s+/);
    return true;
  }
  if ((m = /^Trustpoint: (.+)$/.exec(t))) {
    open.profile.trustpoint = m[1]!.trim();
    return true;
  }
  if ((m = /^TLS version: (.+)$/.exec(t))) {
    open.profile.tlsVersion = m[1]!.trim();
    return true;
  }
  return false;
}

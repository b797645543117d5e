import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from '../../../../agent/parsers/system/syslog-line.js';
import { seededRandom } from '../../../support/random.js';

/**
 * Issue 18 item 3 for syslog: random but valid combinations of the header
 * parts IOS and relays print, rendered, then read back exactly.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONES = ['UTC', 'CET', 'CEST', 'AEST', 'PST8PDT', 'gmt', 'UTC+2', 'UTC-3', 'UTC+07:30', 'GMT+5:45'];
// `logging origin-id string` may begin with a digit (`1234_service_my-city_ext01a`, held-out round 6).
const HOSTS = ['spoke1', 'spoke-17.example.net', 'R1', '10.20.0.17', '2001:db8::17', '1234_service_my-city_ext01a', '3rd-floor-sw'];
const UNITS = ['SW1', 'SP', 'SW2_SPSTBY', 'DFC4', 'SP-STBY'];
const BODIES = [
  ['LINK', 3, 'UPDOWN', 'Interface Tunnel0, changed state to down'],
  ['TRACK', 6, 'STATE', '1 ip sla 1 reachability Up -> Down'],
  ['SYS', 5, 'CONFIG_I', 'Configured from console by admin on vty0 (10.0.0.5)'],
  ['CRYPTO', 5, 'IKEV2_SESSION_STATUS', 'Crypto tunnel v2 is UP.  Peer 198.51.100.1:500       Id: 198.51.100.1'],
  ['RTT', 3, 'IPSLATHRESHOLD', 'IP SLAs(41): Threshold Occurred for rtt'],
] as const;
/** Lines IOS sends without a mnemonic: further lines of a multi-line message, mnemonic-less subsystems. */
const PLAIN = [
  'SSH2 0: Unexpected message received',
  '-Traceback= 6014F8B8 60151A18',
  'Pool: Processor  Free: 19548  Cause: Memory fragmentation',
];
/** `FACILITY-MNEMONIC: text` without `%` or a severity. */
const BARE = [
  ['CEF', 'HWIDB', 'EDSP0 LES switching vector set to Null'],
  ['IP_SNMP', 'INIT', 'SNMP engine started'],
] as const;

describe('syslog header property: every valid combination reads back', () => {
  const rand = seededRandom(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const pad2 = (n: number) => String(n).padStart(2, '0');

  it('holds for 2000 generated messages', () => {
    for (let i = 0; i < 2000; i++) {
      const [facility, severity, mnemonic, body] = pick(BODIES);
      const unit = chance(0.2) ? pick(UNITS) : undefined;
      // `service timestamps log datetime ...`, `service timestamps log uptime`, or `no service timestamps log`.
      const stampKind = pick(['datetime', 'datetime', 'uptime', 'none'] as const);
      // A <PRI> (UDP) or a relay's RFC 3164 / RFC 3339 header (a collector's file) frames the message.
      const relay = chance(0.25) ? pick(['rfc3164', 'rfc3339'] as const) : undefined;
      const pri = chance(0.7) ? 23 * 8 + severity : undefined;
      const framed = pri !== undefined || relay !== undefined;
      // Without a mnemonic a line is a message only when dated or framed.
      const plain = (stampKind !== 'none' || framed) && chance(0.15) ? pick(PLAIN) : undefined;
      const bare = plain === undefined && (stampKind !== 'none' || framed) && chance(0.1) ? pick(BARE) : undefined;
      const counter = framed && chance(0.7) ? 1 + Math.floor(rand() * 99999) : undefined;
      const emptyCounter = framed && counter === undefined && chance(0.3);
      // `logging host ... session-id`: an RFC 5424 structured-data element after the counter.
      const sessionId =
        counter !== undefined && chance(0.2) ? pick(['[syslog@9 s_id="spoke1:514"]', '[syslog@9 s_id ="10.20.0.17:50123"]']) : undefined;
      // An origin-id before an undated plain text cannot be told from the text; a relay names the host itself.
      const host = relay === undefined && !(plain !== undefined && stampKind === 'none') && chance(0.4) ? pick(HOSTS) : undefined;
      const relayHost = relay !== undefined ? pick(['spoke1', 'RouterName', '10.20.0.17']) : undefined;
      const sequence = chance(0.5) ? 1 + Math.floor(rand() * 999999) : undefined;
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const hh = Math.floor(rand() * 24);
      const mm = Math.floor(rand() * 60);
      const ss = Math.floor(rand() * 60);
      const time = `${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${chance(0.5) ? `.${String(Math.floor(rand() * 1000)).padStart(3, '0')}` : ''}`;
      const year = chance(0.2) ? 2020 + Math.floor(rand() * 10) : undefined;
      const zone = chance(0.6) ? pick(ZONES) : undefined;
      const marker = stampKind === 'none' ? '' : pick(['', '*', '.']);
      const uptime = uptimeStamp();
      const stampText =
        stampKind === 'datetime'
          ? `${MONTHS[month - 1]} ${String(day).padStart(2, ' ')}${year !== undefined ? ` ${year}` : ''} ${time}${zone !== undefined ? ` ${zone}` : ''}`
          : uptime.text;

      // A relay that files the datagram as received writes its header before the sender's <PRI>.
      const priAfterRelay = relay !== undefined && pri !== undefined && chance(0.3);
      let line = pri !== undefined && !priAfterRelay ? `<${pri}>` : '';
      if (relay === 'rfc3164')
        line += `${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)} ${relayHost} `;
      if (relay === 'rfc3339') line += `2024-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}Z ${relayHost} `;
      if (priAfterRelay) line += `<${pri}>`;
      if (counter !== undefined) line += `${counter}: `;
      else if (emptyCounter) line += ': ';
      if (sessionId !== undefined) line += `${sessionId}: `;
      if (host !== undefined) line += `${host}: `;
      if (sequence !== undefined) line += `${String(sequence).padStart(6, '0')}: `;
      if (stampKind !== 'none') line += `${marker}${stampText}: `;
      line +=
        plain ??
        (bare
          ? `${bare[0]}-${bare[1]}: ${bare[2]}`
          : `%${facility}${unit !== undefined ? `-${unit}` : ''}-${severity}-${mnemonic}: ${body}`);

      const rec = parseSyslogLine(line);
      expect(rec, line).toBeDefined();
      const numbers = [counter, sequence].filter((n) => n !== undefined);
      if (plain !== undefined) {
        expect(rec?.text, line).toBe(plain);
        expect(rec?.mnemonic, line).toBeUndefined();
      } else if (bare !== undefined) {
        expect(rec, line).toMatchObject({ facility: bare[0], mnemonic: bare[1], text: bare[2] });
        expect(rec?.severity, line).toBeUndefined();
      } else {
        expect(rec, line).toMatchObject({ facility, severity, mnemonic, text: body });
        expect(rec?.unit, line).toBe(unit);
      }
      if (stampKind === 'datetime') {
        expect(rec?.timestamp, line).toMatchObject({
          text: stampText,
          month,
          day,
          time,
          ...(zone !== undefined ? { timezone: zone } : {}),
          ...(year !== undefined ? { year } : {}),
        });
      } else if (stampKind === 'uptime') {
        expect(rec?.timestamp, line).toMatchObject({ text: stampText, uptimeSec: uptime.sec });
      } else if (relay !== undefined) {
        // Only the relay dated it.
        expect(rec?.timestamp, line).toMatchObject({ month, day });
      } else {
        expect(rec?.timestamp, line).toBeUndefined();
      }
      expect(rec?.priority, line).toBe(pri);
      expect(rec?.hostname, line).toBe(host ?? relayHost);
      expect(rec?.sequence, line).toBe(numbers[numbers.length - 1]);
      expect(rec?.messageCounter, line).toBe(numbers.length > 1 ? numbers[0] : undefined);
    }
  });

  /** `1d02h`, `3w2d` or, in the first day, `hh:mm:ss`. */
  function uptimeStamp(): { text: string; sec: number } {
    const kind = pick(['dh', 'wd', 'clock'] as const);
    if (kind === 'dh') {
      const d = 1 + Math.floor(rand() * 6);
      const h = Math.floor(rand() * 24);
      return { text: `${d}d${pad2(h)}h`, sec: d * 86400 + h * 3600 };
    }
    if (kind === 'wd') {
      const w = 1 + Math.floor(rand() * 51);
      const d = Math.floor(rand() * 7);
      return { text: `${w}w${d}d`, sec: w * 604800 + d * 86400 };
    }
    const h = Math.floor(rand() * 24);
    const m = Math.floor(rand() * 60);
    const sec = Math.floor(rand() * 60);
    return { text: `${pad2(h)}:${pad2(m)}:${pad2(sec)}`, sec: h * 3600 + m * 60 + sec };
  }
});

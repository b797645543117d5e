import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from '../../../../agent/parsers/system/syslog-line.js';
import { seededRandom } from '../../../support/random.js';

/**
 * Issue 18 item 3 for syslog: random but valid combinations of the header
 * parts IOS and relays print, rendered, then read back exactly.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONES = ['UTC', 'CET', 'CEST', 'AEST', 'PST8PDT', 'gmt', 'UTC+2', 'UTC-3', 'UTC+07:30', 'GMT+5:45'];
const HOSTS = ['spoke1', 'spoke-17.example.net', 'R1', '10.20.0.17', '2001:db8::17'];
const UNITS = ['SW1', 'SP', 'SW2_SPSTBY', 'DFC4', 'SP-STBY'];
const BODIES = [
  ['LINK', 3, 'UPDOWN', 'Interface Tunnel0, changed state to down'],
  ['TRACK', 6, 'STATE', '1 ip sla 1 reachability Up -> Down'],
  ['SYS', 5, 'CONFIG_I', 'Configured from console by admin on vty0 (10.0.0.5)'],
  ['CRYPTO', 5, 'IKEV2_SESSION_STATUS', 'Crypto tunnel v2 is UP.  Peer 198.51.100.1:500       Id: 198.51.100.1'],
] as const;

describe('syslog header property: every valid combination reads back', () => {
  const rand = seededRandom(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const pad2 = (n: number) => String(n).padStart(2, '0');

  it('holds for 2000 generated messages', () => {
    for (let i = 0; i < 2000; i++) {
      const [facility, severity, mnemonic, text] = pick(BODIES);
      const unit = chance(0.2) ? pick(UNITS) : undefined;
      const pri = chance(0.7) ? 23 * 8 + severity : undefined;
      const counter = pri !== undefined && chance(0.7) ? 1 + Math.floor(rand() * 99999) : undefined;
      const emptyCounter = pri !== undefined && counter === undefined && chance(0.3);
      const host = chance(0.4) ? pick(HOSTS) : undefined;
      const sequence = chance(0.5) ? 1 + Math.floor(rand() * 999999) : undefined;
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const time = `${pad2(Math.floor(rand() * 24))}:${pad2(Math.floor(rand() * 60))}:${pad2(Math.floor(rand() * 60))}${chance(0.5) ? `.${String(Math.floor(rand() * 1000)).padStart(3, '0')}` : ''}`;
      const year = chance(0.2) ? 2020 + Math.floor(rand() * 10) : undefined;
      const zone = chance(0.6) ? pick(ZONES) : undefined;
      const marker = pick(['', '*', '.']);
      const stampText = `${MONTHS[month - 1]} ${String(day).padStart(2, ' ')}${year !== undefined ? ` ${year}` : ''} ${time}${zone !== undefined ? ` ${zone}` : ''}`;

      let line = pri !== undefined ? `<${pri}>` : '';
      if (counter !== undefined) line += `${counter}: `;
      else if (emptyCounter) line += ': ';
      if (host !== undefined) line += `${host}: `;
      if (sequence !== undefined) line += `${String(sequence).padStart(6, '0')}: `;
      line += `${marker}${stampText}: %${facility}${unit !== undefined ? `-${unit}` : ''}-${severity}-${mnemonic}: ${text}`;

      const rec = parseSyslogLine(line);
      const numbers = [counter, sequence].filter((n) => n !== undefined);
      expect(rec, line).toMatchObject({
        facility,
        severity,
        mnemonic,
        text,
        timestamp: {
          text: stampText,
          month,
          day,
          time,
          ...(zone !== undefined ? { timezone: zone } : {}),
          ...(year !== undefined ? { year } : {}),
        },
      });
      expect(rec?.priority, line).toBe(pri);
      expect(rec?.hostname, line).toBe(host);
      expect(rec?.unit, line).toBe(unit);
      expect(rec?.sequence, line).toBe(numbers[numbers.length - 1]);
      expect(rec?.messageCounter, line).toBe(numbers.length > 1 ? numbers[0] : undefined);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseShowLogging } from '../../../agent/parsers/system/show-logging.js';
import { parseSyslogLine } from '../../../agent/parsers/system/syslog-line.js';

const settings = (...lines: string[]) =>
  parseShowLogging(
    ['Syslog logging: enabled (0 messages dropped, 0 flushes, 0 overruns, xml disabled, filtering disabled)', ...lines].join('\n'),
  );

describe('show logging, per-host lines', () => {
  it('reads a host entry spread over lines, link state included', () => {
    const { records, warnings } = settings(
      '    Trap logging: level informational, 58 message lines logged',
      '        Logging to 192.0.2.9  (MGMT) (udp port 514, audit disabled,',
      '              link down),',
      '              20 message lines logged,',
      '              0 message lines rate-limited,',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.settings.hosts?.[0]).toMatchObject({
      address: '192.0.2.9',
      vrf: 'MGMT',
      transport: 'udp',
      port: 514,
      link: 'down',
      messageLinesLogged: 20,
    });
  });

  it('keeps TLS options and counters a release adds', () => {
    const { records, warnings } = settings(
      '        Logging to 2001:db8::9  (tls port 6514, audit disabled, authentication disabled, encryption disabled, link up),',
      '              0 message lines dropped-by-ratelimit,',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.settings.hosts?.[0]).toMatchObject({
      address: '2001:db8::9',
      transport: 'tls',
      link: 'up',
      options: { authentication: 'disabled', encryption: 'disabled' },
      counters: { 'message lines dropped-by-ratelimit': 0 },
    });
  });

  it('reads the 12.x host line without a parenthesised part', () => {
    const { records, warnings } = settings('        Logging to 192.0.2.10, 128 message lines logged');
    expect(warnings).toEqual([]);
    expect(records[0]?.settings.hosts?.[0]).toMatchObject({ address: '192.0.2.10', messageLinesLogged: 128 });
  });
});

describe('buffer lines with a unit inside the mnemonic', () => {
  it.each([
    ['%OIR-SP-STBY-6-INSCARD: Card inserted in slot 3', 'OIR', 'SP-STBY', 'INSCARD'],
    ['%PFREDUN-SW2_SPSTBY-6-STANDBY: Ready for SSO mode', 'PFREDUN', 'SW2_SPSTBY', 'STANDBY'],
  ])('%s', (body, facility, unit, mnemonic) => {
    expect(parseSyslogLine(`000123: *Mar  1 00:00:01.123: ${body}`)).toMatchObject({ sequence: 123, facility, unit, mnemonic });
  });
});

// Line kinds of the settings part found missing on Cisco's own show logging examples (issue 18);
// lines composed here in the documented grammar.
describe('show logging, settings lines of every release', () => {
  it('reads the Syslog logging list wrapped after a comma, indented or not, up to its parenthesis', () => {
    for (const indent of ['', '                ']) {
      const { records, warnings } = parseShowLogging(
        [
          'Syslog logging: enabled (3 messages dropped, 7 messages rate-limited,',
          `${indent}2 flushes, 1 overruns, xml disabled, filtering enabled)`,
          'Console logging: disabled',
        ].join('\n'),
      );
      expect(warnings).toEqual([]);
      expect(records[0]?.settings).toMatchObject({
        syslog: 'enabled',
        messagesDropped: 3,
        messagesRateLimited: 7,
        flushes: 2,
        overruns: 1,
        xml: 'disabled',
        filtering: 'enabled',
        console: { status: 'disabled' },
      });
    }
  });

  it('does not take items after the Syslog logging list has closed', () => {
    const { warnings } = parseShowLogging(
      ['Syslog logging: enabled (0 messages dropped,', '0 flushes, 0 overruns)', '5 flushes'].join('\n'),
    );
    expect(warnings.map((w) => w.text)).toEqual(['5 flushes']);
  });

  it('reads the exception buffer size in its 12.x and 15.x spelling as in the IOS-XE one', () => {
    for (const line of ['Logging Exception size (16384 bytes)', '    Exception Logging: size (16384 bytes)']) {
      const { records, warnings } = settings(line);
      expect(warnings).toEqual([]);
      expect(records[0]?.settings.exceptionSizeBytes).toBe(16384);
    }
  });

  it('reads a message discriminator with a severity group and a rate limit', () => {
    const { warnings } = settings(
      'Active Message Discriminator:',
      'SPOKEMD severity group includes 2,3',
      'rate-limit not to exceed 40 messages per second',
      'Console logging: level warnings, 12 messages logged, xml disabled, filtering disabled',
    );
    expect(warnings).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseShowLogging } from '../../../agent/parsers/system/show-logging.js';
import { parseSyslogLine, parseSyslogLines } from '../../../agent/parsers/system/syslog-line.js';

// One test per header form IOS (and what relays it) documents; issue 18.
const BODY = '%LINK-3-UPDOWN: Interface Tunnel0, changed state to down';
const body = { facility: 'LINK', severity: 3, mnemonic: 'UPDOWN', text: 'Interface Tunnel0, changed state to down' };

describe('syslog header grammar', () => {
  it('reads the UDP counter, the origin-id and the service sequence number in that order', () => {
    expect(parseSyslogLine(`<189>45: spoke1: 000123: *Mar  1 00:01:23.456 UTC: ${BODY}`)).toMatchObject({
      ...body,
      priority: 189,
      messageCounter: 45,
      hostname: 'spoke1',
      sequence: 123,
    });
    expect(parseSyslogLine(`<189>45: 000123: Mar  1 00:01:23: ${BODY}`)).toMatchObject({ messageCounter: 45, sequence: 123 });
  });

  it('reads an origin-id string that begins with a digit (`logging origin-id string`)', () => {
    // A SIEM's test message (SEKOIA-IO intake-formats, held-out round 6): the year after the day, a zone.
    expect(parseSyslogLine(`1234_service_my-city_ext01a: Mar 6 2023 08:04:45.866 CET: ${BODY}`)).toMatchObject({
      ...body,
      hostname: '1234_service_my-city_ext01a',
      timestamp: { year: 2023, month: 3, day: 6, time: '08:04:45.866', timezone: 'CET' },
    });
    expect(parseSyslogLine(`<189>7: 3rd-floor-sw: ${BODY}`)).toMatchObject({ ...body, hostname: '3rd-floor-sw', sequence: 7 });
    // All digits is a counter, an uptime stamp is a time: neither is an origin.
    expect(parseSyslogLine(`<189>7: 1234: ${BODY}`)).toMatchObject({ messageCounter: 7, sequence: 1234 });
    expect(parseSyslogLine(`1w2d: ${BODY}`)?.hostname).toBeUndefined();
  });

  it('reads an origin-id that is an address (`logging origin-id ip|ipv6`)', () => {
    expect(parseSyslogLine(`<189>7: 10.20.0.17: ${BODY}`)).toMatchObject({ ...body, hostname: '10.20.0.17', sequence: 7 });
    expect(parseSyslogLine(`<189>7: 2001:db8::17: Mar  1 00:01:23: ${BODY}`)).toMatchObject({ hostname: '2001:db8::17' });
  });

  it('reads the processor a distributed platform names after the counter (`CLC 6/0: `, `SLOT 2: `) as the location', () => {
    expect(parseSyslogLine(`<187>3408: CLC 6/0: Dec 11 13:31:14.214 EST: ${BODY}`)).toMatchObject({
      ...body,
      priority: 187,
      sequence: 3408,
      location: 'CLC 6/0',
      timestamp: { timezone: 'EST' },
    });
    expect(parseSyslogLine(`12: SLOT 2: Jul 12 10:00:00: ${BODY}`)).toMatchObject({ ...body, location: 'SLOT 2', sequence: 12 });
    // An upper-case host name is still a host name, not a processor.
    expect(parseSyslogLine(`<189>7: RTR1: Mar  1 00:01:23: ${BODY}`)).toMatchObject({ hostname: 'RTR1' });
  });

  it('reads an origin-id printed after the timestamp, before the mnemonic', () => {
    expect(parseSyslogLine(`<0>91: *Oct 07 03:10:04: mydevice.com ${BODY}`)).toMatchObject({
      ...body,
      priority: 0,
      sequence: 91,
      hostname: 'mydevice.com',
      timestamp: { month: 10, day: 7, time: '03:10:04' },
    });
    // Text that merely contains a word before a percent sign is not a host name.
    expect(parseSyslogLine('*Oct 07 03:10:04: load at 90 %CPU')?.hostname).toBeUndefined();
  });

  it('accepts an empty counter after <PRI>', () => {
    const rec = parseSyslogLine(`<189>: *Mar  1 00:01:23.456 UTC: ${BODY}`);
    expect(rec).toMatchObject({ ...body, priority: 189 });
    expect(rec?.sequence).toBeUndefined();
    expect(parseSyslogLine(`<189>: spoke1: ${BODY}`)).toMatchObject({ hostname: 'spoke1' });
    // A relay that writes its own header keeps IOS's empty counter after it.
    expect(parseSyslogLine(`Mar  1 00:01:24 spoke1 : *Mar  1 00:01:23.456 UTC: ${BODY}`)).toMatchObject({ ...body, hostname: 'spoke1' });
  });

  it.each([['UTC+07:30'], ['UTC-3'], ['GMT+5:45'], ['CEST'], ['AEST'], ['PST8PDT'], ['America/Chicago']])('reads the zone %s', (zone) => {
    expect(parseSyslogLine(`*Mar  1 00:01:23.456 ${zone}: ${BODY}`)?.timestamp?.timezone).toBe(zone);
  });

  it('reads a relay RFC 5424 header and keeps the IOS header after it', () => {
    const rec = parseSyslogLine(`<189>1 2024-01-15T10:00:00.123+01:00 spoke1 - - - - 123: Jan 15 09:00:00.120 UTC: ${BODY}`);
    expect(rec).toMatchObject({
      ...body,
      priority: 189,
      hostname: 'spoke1',
      sequence: 123,
      timestamp: { text: 'Jan 15 09:00:00.120 UTC' },
    });
  });

  it('dates a message by the RFC 5424 header when IOS printed no time, structured data skipped', () => {
    const rec = parseSyslogLine(`<189>1 2024-01-15T10:00:00Z spoke1 - - - [meta sequenceId="5" note="a]b"][x@1 y="z"] ${BODY}`);
    expect(rec).toMatchObject({ ...body, hostname: 'spoke1' });
    expect(rec?.timestamp).toEqual({ text: '2024-01-15T10:00:00Z', year: 2024, month: 1, day: 15, time: '10:00:00', timezone: 'Z' });
    expect(parseSyslogLine(`<189>1 - - - - - - ${BODY}`)).toMatchObject(body);
  });

  it('reads a relay RFC 3339 header (rsyslog file format)', () => {
    const rec = parseSyslogLine(`2024-01-15T10:00:00.123456+01:00 10.1.1.1 123: *Jan 15 09:00:00.999: ${BODY}`);
    expect(rec).toMatchObject({ ...body, hostname: '10.1.1.1', sequence: 123, timestamp: { month: 1, day: 15, time: '09:00:00.999' } });
  });

  it.each([
    ['%PFREDUN-SW1_SP-6-ACTIVE: Initializing as ACTIVE processor for this switch', 'PFREDUN', 'SW1_SP', 6, 'ACTIVE'],
    ['%FAC-SW1-6-MNEMONIC: text', 'FAC', 'SW1', 6, 'MNEMONIC'],
    ['%SYS-DFC4-1-SYS_LCPERR: text', 'SYS', 'DFC4', 1, 'SYS_LCPERR'],
    ['%C6KPWR-SP-4-PSOK: power supply 1 turned on.', 'C6KPWR', 'SP', 4, 'PSOK'],
  ])('reads the unit inside %s', (line, facility, unit, severity, mnemonic) => {
    expect(parseSyslogLine(`Mar  1 00:01:23: ${line}`)).toMatchObject({ facility, unit, severity, mnemonic });
  });

  it('keeps a unit-less mnemonic unit-less', () => {
    expect(parseSyslogLine(BODY)?.unit).toBeUndefined();
  });
});

describe('syslog continuation lines', () => {
  const MALLOC = [
    '000811: *Mar  1 00:01:23: %SYS-2-MALLOCFAIL: Memory allocation of 36 bytes failed from 0x6014F8B8, alignment 0',
    ' -Process= "Exec", ipl= 0, pid= 55',
    '-Traceback= 6014F8B8 60151A18',
    '000812: *Mar  1 00:01:24: %SYS-5-CONFIG_I: Configured from console by console',
  ];

  it('folds indented and -Process=/-Traceback= lines into the message before', () => {
    const { records, warnings } = parseSyslogLines(MALLOC.join('\n'));
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]?.text).toBe(
      'Memory allocation of 36 bytes failed from 0x6014F8B8, alignment 0 -Process= "Exec", ipl= 0, pid= 55 -Traceback= 6014F8B8 60151A18',
    );
  });

  it('does the same inside the log buffer', () => {
    const { records, warnings } = parseShowLogging(['Log Buffer (4096 bytes):', '', ...MALLOC].join('\n'));
    expect(warnings).toEqual([]);
    expect(records[0]?.messages.map((m) => m.sequence)).toEqual([811, 812]);
  });

  it('still warns on a line that neither starts nor continues a message', () => {
    const { warnings } = parseSyslogLines(`${MALLOC[0]}\nnot a message`);
    expect(warnings.map((w) => w.line)).toEqual([2]);
  });
});

describe('IOS-XE platform messages', () => {
  it.each([
    ['%IOSXE-6-PLATFORM: F0: cpp_cp: QFP:0.0 Thread:105 TS:00000000000000 %NAT-6-LOG_TRANSLATION: Created Translation', 'F0', 'cpp_cp'],
    ['%STACKMGR-6-STACK_LINK_CHANGE: Switch 1 R0/0: stack_mgr: Stack port 1 on Switch 1 is down', 'Switch 1 R0/0', 'stack_mgr'],
    ['%PLATFORM-4-ELEMENT_WARNING: R0/0: smand: RP/0: Used Memory value 91% exceeds warning level 88%', 'R0/0', 'smand'],
  ])('%s', (body, location, proc) => {
    const rec = parseSyslogLine(`Mar  1 00:00:01.123: ${body}`);
    expect(rec).toMatchObject({ location, process: proc });
    expect(rec?.text.startsWith(location)).toBe(true);
  });

  it('gives IOSd messages no location', () => {
    expect(parseSyslogLine(BODY)?.location).toBeUndefined();
  });
});

describe('framed messages with neither an IOS timestamp nor a mnemonic', () => {
  // IOS sends each further line of a multi-line message as a datagram of its own, with its own
  // counter, and some subsystems log without a mnemonic (`SSH2 0: Unexpected message received`);
  // with `no service timestamps log` nothing dates them. A <PRI> or a relay's header still frames
  // them as syslog (RFC 3164 §4.3.3), so they are messages, kept as text.
  it('keeps a <PRI>-framed line as a message of its own', () => {
    expect(parseSyslogLine('<189>93: SSH2 0: Unexpected message received')).toEqual({
      priority: 189,
      sequence: 93,
      text: 'SSH2 0: Unexpected message received',
    });
    expect(parseSyslogLine('<187>812: -Traceback= 6014F8B8 60151A18')).toMatchObject({
      sequence: 812,
      text: '-Traceback= 6014F8B8 60151A18',
    });
    expect(parseSyslogLine('<187>: Pool: Processor  Free: 19548  Cause: Memory fragmentation')).toMatchObject({
      priority: 187,
      text: 'Pool: Processor  Free: 19548  Cause: Memory fragmentation',
    });
  });

  it('keeps a relay-framed line, dated by the relay', () => {
    expect(parseSyslogLine('Sep  7 06:20:59 RouterName 93: SSH2 0: Unexpected message received')).toMatchObject({
      hostname: 'RouterName',
      sequence: 93,
      timestamp: { month: 9, day: 7, time: '06:20:59' },
      text: 'SSH2 0: Unexpected message received',
    });
  });

  it('reads a collector file of them without a warning', () => {
    const { records, warnings } = parseSyslogLines(
      [
        '<187>811: *Mar  1 00:01:23: %SYS-2-MALLOCFAIL: Memory allocation of 36 bytes failed',
        '<187>812: -Traceback= 6014F8B8 60151A18',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.sequence)).toEqual([811, 812]);
  });

  it('still refuses an unframed line and a frame with nothing in it', () => {
    expect(parseSyslogLine('93: SSH2 0: Unexpected message received')).toBeUndefined();
    expect(parseSyslogLine('<189>')).toBeUndefined();
    expect(parseSyslogLine('<189>93: ')).toBeUndefined();
  });
});

describe('messages whose text goes on over unindented lines', () => {
  const RESTART = [
    '*Mar  1 00:00:05.123: %SYS-5-RESTART: System restarted --',
    'Cisco IOS Software, C800 Software (C800-UNIVERSALK9-M), Version 15.9(3)M7, RELEASE SOFTWARE (fc1)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2022 by Cisco Systems, Inc.',
    'Compiled Wed 12-Jan-22 11:11 by prod_rel_team',
    '*Mar  1 00:00:06.000: %SYS-6-BOOTTIME: Time taken to reboot after reload =  194 seconds',
  ];
  const MALLOC = [
    'Mar  1 10:00:05.000 UTC: %SYS-2-MALLOCFAIL: Memory allocation of 65536 bytes failed from 0x7F1A2B3C, alignment 0',
    'Pool: Processor  Free: 19548  Cause: Memory fragmentation',
    'Alternate Pool: None  Free: 0  Cause: No Alternate pool',
    ' -Process= "Exec", ipl= 0, pid= 3',
  ];

  it('folds the software banner into %SYS-5-RESTART, whose first line ends with --', () => {
    const { records, warnings } = parseShowLogging(['Log Buffer (4096 bytes):', ...RESTART].join('\n'));
    expect(warnings).toEqual([]);
    const messages = records[0]?.messages ?? [];
    expect(messages.map((m) => m.mnemonic)).toEqual(['RESTART', 'BOOTTIME']);
    expect(messages[0]?.text).toBe(`System restarted -- ${RESTART.slice(1, 5).join(' ')}`);
    expect(parseSyslogLines(RESTART.join('\n')).warnings).toEqual([]);
  });

  it("folds %SYS-2-MALLOCFAIL's pool lines", () => {
    const { records, warnings } = parseSyslogLines(MALLOC.join('\n'));
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.text).toMatch(
      /alignment 0 Pool: Processor {2}Free: 19548 {2}Cause: Memory fragmentation Alternate Pool: None .* -Process= "Exec"/,
    );
  });

  it('still warns on a stray line after a message that does not go on', () => {
    const { warnings } = parseShowLogging(
      ['Log Buffer (4096 bytes):', RESTART[5], 'Compiled Wed 12-Jan-22 11:11 by prod_rel_team'].join('\n'),
    );
    expect(warnings.map((w) => w.line)).toEqual([3]);
  });
});

describe('messages with a facility and mnemonic but no severity', () => {
  // Some subsystems print `FACILITY-MNEMONIC: text` without `%` or a severity
  // (`CEF-HWIDB: ...` in a 2901's buffer after a reload, ntc-templates cisco_ios_show_logging_3).
  it('splits the prefix into facility and mnemonic, severity left out', () => {
    const rec = parseSyslogLine('000048: Dec  2 12:09:21.207: CEF-HWIDB: EDSP0 LES switching vector set to Null');
    expect(rec).toMatchObject({ sequence: 48, facility: 'CEF', mnemonic: 'HWIDB', text: 'EDSP0 LES switching vector set to Null' });
    expect(rec?.severity).toBeUndefined();
    expect(parseSyslogLine('<189>12: *Mar  1 00:00:01: IP_SNMP-INIT: SNMP engine started')).toMatchObject({
      facility: 'IP_SNMP',
      mnemonic: 'INIT',
    });
  });

  it('leaves text that only looks alike as text', () => {
    for (const text of [
      'IP-EIGRP(0) 100: Neighbor 10.0.0.2 (Tunnel0) is up',
      'SSH2 0: Unexpected message received',
      'Rollback:Acquired Configuration lock.',
    ]) {
      const rec = parseSyslogLine(`Mar  1 00:00:01.000: ${text}`);
      expect(rec?.text).toBe(text);
      expect(rec?.facility).toBeUndefined();
    }
  });
});

// `logging host ... session-id` (a switch's packet capture pasted in a public thread, issue 18's third held-out round).
describe('syslog: the structured data of a session id', () => {
  const link = { priority: 190, facility: 'LINK', severity: 3, mnemonic: 'UPDOWN', text: 'Interface Cellular0/1/0, changed state to up' };
  it.each([
    [
      '<190>512: [syslog@9 s_id="edge-7:514"]: *Feb  3 10:11:12: %LINK-3-UPDOWN: Interface Cellular0/1/0, changed state to up',
      { sequence: 512 },
    ],
    [
      '<190>512: [syslog@9 s_id ="edge-7:514"]: 000077: Feb  3 10:11:12.345 UTC: %LINK-3-UPDOWN: Interface Cellular0/1/0, changed state to up',
      { messageCounter: 512, sequence: 77 },
    ],
  ])('is read past after the counter: %s', (line, numbers) => {
    expect(parseSyslogLine(line)).toMatchObject({ ...link, ...numbers, timestamp: { month: 2, day: 3 } });
  });
});

// A relay's file of datagrams as received (a syslog-ng file pasted in a public thread, issue 18's third held-out round).
describe("syslog: a relay header before the sender's <PRI>", () => {
  it('reads the relay host, then the <PRI>, counters and timestamp IOS sent', () => {
    const line =
      'Mar  5 09:10:11 10.9.8.7 <187>4411: 004410: Mar  5 09:10:10 UTC: %LINK-3-UPDOWN: Interface Dialer1, changed state to down';
    expect(parseSyslogLine(line)).toMatchObject({
      hostname: '10.9.8.7',
      priority: 187,
      messageCounter: 4411,
      sequence: 4410,
      timestamp: { month: 3, day: 5, time: '09:10:10', timezone: 'UTC' },
      facility: 'LINK',
      mnemonic: 'UPDOWN',
      text: 'Interface Dialer1, changed state to down',
    });
  });
});

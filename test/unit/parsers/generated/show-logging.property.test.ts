import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { LoggingReport } from '../../../../proto/records/system.js';
import { Gen, pad2 } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show logging`: random outputs from the documented line
 * kinds (the settings header wrapped or not, message discriminators with their
 * rate limit, both spellings of the exception size, console/monitor/buffer destinations wrapped or
 * not, trap logging, hosts in every form: with or without VRF, transport and
 * port, audit, link state, counters on lines of their own), then the buffer's
 * messages with every header form and facility units, and messages whose text
 * goes on over the following lines, read back exactly.
 */
const MESSAGES = [
  ['LINEPROTO', undefined, 5, 'UPDOWN', 'Line protocol on Interface Tunnel100, changed state to down'],
  ['CRYPTO', undefined, 4, 'IKEV2_SESSION_STATUS', 'Crypto tunnel v2 is UP.  Peer 198.51.100.7:500 Id: hub1.example.net'],
  ['TRACK', undefined, 6, 'STATE', '1 ip sla 1 reachability Up -> Down'],
  ['PFREDUN', 'SW1_SP', 6, 'ACTIVE', 'Initializing as Active Processor for this switch'],
  ['OIR', 'SP-STBY', 6, 'INSCARD', 'Card inserted in slot 3, interfaces are now online'],
  ['SYS', undefined, 5, 'CONFIG_I', 'Configured from console by admin on vty0 (10.0.0.5)'],
] as const;
/**
 * Messages whose text goes on over the following lines: %SYS-5-RESTART's first line ends with
 * `--` and the software banner follows unindented; %SYS-2-MALLOCFAIL names its pools, then the
 * process (indented) and the traceback.
 */
const MULTI_LINE = [
  [
    'SYS',
    5,
    'RESTART',
    'System restarted --',
    [
      'Cisco IOS Software, C800 Software (C800-UNIVERSALK9-M), Version 15.9(3)M7, RELEASE SOFTWARE (fc1)',
      'Technical Support: http://www.cisco.com/techsupport',
      'Copyright (c) 1986-2022 by Cisco Systems, Inc.',
      'Compiled Wed 12-Jan-22 11:11 by prod_rel_team',
    ],
  ],
  [
    'SYS',
    2,
    'MALLOCFAIL',
    'Memory allocation of 65536 bytes failed from 0x7F1A2B3C, alignment 0',
    [
      'Pool: Processor  Free: 19548  Cause: Memory fragmentation',
      'Alternate Pool: None  Free: 0  Cause: No Alternate pool',
      ' -Process= "Exec", ipl= 0, pid= 3',
    ],
  ],
] as const;

function destination(g: Gen, label: string): { lines: string[]; level: string; logged: number } {
  const level = g.pick(['debugging', 'informational', 'notifications', 'warnings']);
  const logged = g.int(1_000_000);
  const head = `    ${label} logging: level ${level}, ${logged} messages logged, xml disabled,`;
  // IOS wraps `filtering disabled` onto a line of its own at the terminal width.
  return { lines: g.chance(0.5) ? [head, '                     filtering disabled'] : [`${head} filtering disabled`], level, logged };
}

describe('show logging property: generated outputs read back', () => {
  it('holds for 300 generated outputs', () => {
    const g = new Gen(18_409);
    for (let n = 0; n < 300; n++) {
      const [dropped, limited] = [g.int(1000), g.int(1000)];
      const syslogHead = `Syslog logging: enabled (${dropped} messages dropped, ${limited} messages rate-limited,`;
      const syslogTail = '0 flushes, 0 overruns, xml disabled, filtering disabled)';
      // The list on one line, or wrapped after a comma (indented, or not as the command reference prints it).
      const syslog = g.chance(0.5) ? [`${syslogHead} ${syslogTail}`] : [syslogHead, `${g.pick(['', '                '])}${syslogTail}`];
      // A discriminator: its first clause (a severity clause names a group), then optionally its rate limit.
      const discriminator = g.chance(0.5)
        ? ['No Active Message Discriminator.']
        : [
            'Active Message Discriminator:',
            g.pick(['SPOKEMD severity group includes 1,2,5', 'MD2      mnemonics      drops    CONFIG_I']),
            ...(g.chance(0.5) ? [`rate-limit not to exceed ${g.between(1, 10000)} messages per second`] : []),
          ];
      const lines = [...syslog, '', ...discriminator, '', '', 'No Inactive Message Discriminator.', '', ''];
      // IOS-XE's spelling, and 12.x and 15.x's.
      const exceptionSize = g.pick([4096, 8192]);
      const exception = g.pick([`    Exception Logging: size (${exceptionSize} bytes)`, `Logging Exception size (${exceptionSize} bytes)`]);
      const dests = { console: destination(g, 'Console'), monitor: destination(g, 'Monitor'), buffer: destination(g, 'Buffer') };
      lines.push(
        ...dests.console.lines,
        ...dests.monitor.lines,
        ...dests.buffer.lines,
        exception,
        '    Count and timestamp logging messages: disabled',
        '    Persistent logging: disabled',
        '',
        'No active filter modules.',
        '',
      );
      const trapLevel = g.pick(['informational', 'notifications', 'debugging']);
      const trapLogged = g.int(100000);
      lines.push(`    Trap logging: level ${trapLevel}, ${trapLogged} message lines logged`);
      const hosts: Array<{ address: string; vrf?: string; transport: string; port: number; link: string; messageLinesLogged: number }> = [];
      for (let h = g.int(4); h > 0; h--) {
        const address = g.chance(0.2) ? `2001:db8::${g.between(1, 0xfff).toString(16)}` : g.ipv4();
        const vrf = g.chance(0.4) ? g.pick(['MGMT', 'Mgmt-intf']) : undefined;
        const transport = g.pick(['udp', 'tcp']);
        const port = transport === 'udp' ? 514 : g.pick([601, 1468]);
        const link = g.pick(['up', 'down']);
        const logged = g.int(100000);
        hosts.push({ address, ...(vrf ? { vrf } : {}), transport, port, link, messageLinesLogged: logged });
        const open = `        Logging to ${address}  ${vrf ? `(${vrf}) ` : ''}(${transport} port ${port}, audit disabled,`;
        if (g.chance(0.5)) lines.push(open, `              link ${link}),`);
        else lines.push(`${open.slice(0, -1)}, link ${link}),`);
        lines.push(
          `              ${logged} message lines logged,`,
          '              0 message lines rate-limited,',
          '              0 message lines dropped-by-MD,',
          '              xml disabled, sequence number disabled',
          '              filtering disabled',
        );
      }
      lines.push('        Logging Source-Interface:       VRF Name:', '');
      const size = g.pick([4096, 512000, 1000000]);
      lines.push(`Log Buffer (${size} bytes):`, '');
      const want: Array<Record<string, unknown>> = [];
      for (let m = g.int(8); m > 0; m--) {
        const multi = g.chance(0.15) ? g.pick(MULTI_LINE) : undefined;
        const [facility, unit, severity, mnemonic, first] = multi
          ? ([multi[0], undefined, multi[1], multi[2], multi[3]] as const)
          : g.pick(MESSAGES);
        const more: readonly string[] = multi ? multi[4] : [];
        const text = [first, ...more.map((l) => l.trim())].join(' ');
        const [mon, day, h, mi, s, ms] = [g.between(1, 12), g.between(1, 28), g.int(24), g.int(60), g.int(60), g.int(1000)];
        const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[mon - 1]!;
        const seq = g.chance(0.5) ? g.int(1_000_000) : undefined;
        const mark = g.pick(['*', '.', '']);
        const zone = g.pick(['', ' UTC', ' CET']);
        const time = `${pad2(h)}:${pad2(mi)}:${pad2(s)}.${String(ms).padStart(3, '0')}`;
        lines.push(
          `${seq !== undefined ? `${String(seq).padStart(6, '0')}: ` : ''}${mark}${month} ${String(day).padStart(2)} ${time}${zone}: %${facility}${unit ? `-${unit}` : ''}-${severity}-${mnemonic}: ${first}`,
          ...more,
        );
        want.push({
          facility,
          ...(unit ? { unit } : {}),
          severity,
          mnemonic,
          text,
          ...(seq !== undefined ? { sequence: seq } : {}),
          month: mon,
          day,
          time,
          ...(zone ? { timezone: zone.trim() } : {}),
        });
      }
      const out = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show logging', out);
      expect(warnings, out).toEqual([]);
      const r = records[0] as LoggingReport;
      expect(r.settings, out).toMatchObject({
        messagesDropped: dropped,
        messagesRateLimited: limited,
        flushes: 0,
        filtering: 'disabled',
        exceptionSizeBytes: exceptionSize,
        bufferSizeBytes: size,
        console: { level: dests.console.level, messagesLogged: dests.console.logged },
        monitor: { level: dests.monitor.level, messagesLogged: dests.monitor.logged },
        buffer: { level: dests.buffer.level, messagesLogged: dests.buffer.logged },
        trap: { level: trapLevel },
      });
      expect(
        (r.settings.hosts ?? []).map((h) => ({
          address: h.address,
          vrf: h.vrf,
          transport: h.transport,
          port: h.port,
          link: h.link,
          messageLinesLogged: h.messageLinesLogged,
        })),
        out,
      ).toEqual(hosts.map((h) => ({ vrf: undefined, ...h })));
      expect(r.messages.length, out).toBe(want.length);
      r.messages.forEach((msg, i) => {
        const w = want[i]!;
        expect(
          {
            facility: msg.facility,
            unit: msg.unit,
            severity: msg.severity,
            mnemonic: msg.mnemonic,
            text: msg.text,
            sequence: msg.sequence,
            month: msg.timestamp?.month,
            day: msg.timestamp?.day,
            time: msg.timestamp?.time,
            timezone: msg.timestamp?.timezone,
          },
          out,
        ).toEqual({ unit: undefined, sequence: undefined, timezone: undefined, ...w });
      });
    }
  });
});

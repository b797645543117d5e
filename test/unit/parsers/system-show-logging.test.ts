import { describe, expect, it } from 'vitest';
import { parseShowLogging } from '../../../agent/parsers/system/show-logging.js';

/** A spoke logging to the agent over UDP, with a wrapped buffer (shapes from the genieparser/ntc corpus). */
const SPOKE = `spoke1#show logging
Syslog logging: enabled (0 messages dropped, 3 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)

No Active Message Discriminator.

No Inactive Message Discriminator.

    Console logging: disabled
    Monitor logging: level debugging, 0 messages logged, xml disabled,
                     filtering disabled
    Buffer logging:  level informational, 812 messages logged, xml disabled,
                    filtering disabled
    Exception Logging: size (4096 bytes)
    Count and timestamp logging messages: disabled
    Persistent logging: disabled

No active filter modules.

    Trap logging: level informational, 815 message lines logged
        Logging to 192.168.1.10  (INET) (udp port 5514, audit disabled,
              link up),
              815 message lines logged,
              0 message lines rate-limited,
              0 message lines dropped-by-MD,
              xml disabled, sequence number enabled
              filtering disabled
        Logging Source-Interface:       VRF Name:
        VirtualPortGroup0

Log Buffer (8192 bytes):
ged state to up
000811: *Mar  1 00:10:11.123 UTC: %TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down
000812: *Mar  1 00:10:12.456 UTC: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed
        connection id=29, sequence number=219
000813: *Mar  1 00:10:13.001 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down
spoke1#`;

describe('show logging', () => {
  it('reads the settings and the buffer of a spoke', () => {
    const { records, warnings } = parseShowLogging(SPOKE);
    expect(warnings).toEqual([]);
    const [report] = records;
    expect(report?.settings).toEqual({
      syslog: 'enabled',
      messagesDropped: 0,
      messagesRateLimited: 3,
      flushes: 0,
      overruns: 0,
      xml: 'disabled',
      filtering: 'disabled',
      console: { status: 'disabled' },
      monitor: { status: 'enabled', level: 'debugging', messagesLogged: 0, xml: 'disabled', filtering: 'disabled' },
      buffer: { status: 'enabled', level: 'informational', messagesLogged: 812, xml: 'disabled', filtering: 'disabled' },
      exceptionSizeBytes: 4096,
      countAndTimestamp: 'disabled',
      persistent: { status: 'disabled' },
      trap: { status: 'enabled', level: 'informational', messagesLogged: 815 },
      hosts: [
        {
          address: '192.168.1.10',
          vrf: 'INET',
          transport: 'udp',
          port: 5514,
          audit: 'disabled',
          link: 'up',
          messageLinesLogged: 815,
          messageLinesRateLimited: 0,
          messageLinesDroppedByMd: 0,
          xml: 'disabled',
          sequenceNumber: 'enabled',
          filtering: 'disabled',
        },
      ],
      sourceInterfaces: [{ interface: 'VirtualPortGroup0' }],
      bufferSizeBytes: 8192,
    });
    // The wrapped first line (`ged state to up`) lost its message: nothing to keep, nothing to warn about.
    expect(report?.messages.map((m) => m.sequence)).toEqual([811, 812, 813]);
    expect(report?.messages[0]?.detail).toEqual({
      kind: 'track-state',
      trackId: 1,
      object: 'ip sla 1 reachability',
      from: 'up',
      to: 'down',
    });
    expect(report?.messages[1]?.text).toBe('decrypt: replay check failed connection id=29, sequence number=219');
    expect(report?.messages[2]?.detail).toMatchObject({ kind: 'line-protocol', interface: 'Tunnel0', state: 'down' });
  });

  // A wrapped first message whose mnemonic survived: parser case show-logging/buffer-wrapped-first-message.
  it('reads a capture of the buffer alone (genieparser ios golden_output_2)', () => {
    const { records, warnings } = parseShowLogging('\nJun  5 05:11:04.626 EST: Rollback:Acquired Configuration lock.\n');
    expect(warnings).toEqual([]);
    expect(records[0]?.messages).toHaveLength(1);
    expect(records[0]?.settings).toEqual({});
  });

  it('warns, with line numbers, on lines it cannot place and keeps the rest', () => {
    const text = [
      'Syslog logging: enabled (0 messages dropped)',
      '    Console logging: sideways',
      'Log Buffer (4096 bytes):',
      '*Mar  1 00:00:01: %SYS-5-CONFIG_I: Configured from console by console',
      'not a message',
      '*Mar  1 00:00:02: %SYS-5-CONFIG_I: Configured from console by console',
    ].join('\n');
    const { records, warnings } = parseShowLogging(text);
    expect(warnings.map((w) => w.line)).toEqual([2, 5]);
    expect(records[0]?.settings.syslog).toBe('enabled');
    expect(records[0]?.messages).toHaveLength(2);
  });

  it('gives nothing for empty input', () => {
    expect(parseShowLogging('')).toEqual({ records: [], warnings: [] });
  });
});

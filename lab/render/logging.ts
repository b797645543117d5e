/** `show logging` (corpus: ntc-templates cisco_ios_show_logging_2, IOS 15 layout). */
import type { RouterModel } from '../router/model.js';

export function renderLogging(m: RouterModel): string {
  const log = m.log;
  const hosts = m.config.loggingHosts;
  const out = [
    'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
    '',
    'No Active Message Discriminator.',
    '',
    '',
    '',
    'No Inactive Message Discriminator.',
    '',
    '',
    '    Console logging: disabled',
    '    Monitor logging: level debugging, 0 messages logged, xml disabled,',
    '                     filtering disabled',
    `    Buffer logging:  level debugging, ${log.logged} messages logged, xml disabled,`,
    '                    filtering disabled',
    '    Exception Logging: size (4096 bytes)',
    '    Count and timestamp logging messages: disabled',
    '    Persistent logging: disabled',
    '',
    'No active filter modules.',
    '',
    `    Trap logging: level informational, ${log.trapLines} message lines logged`,
  ];
  for (const h of hosts) {
    out.push(
      `        Logging to ${h.address}  (udp port ${h.port}, audit disabled,`,
      '              link up),',
      `              ${log.trapLines} message lines logged,`,
      '              0 message lines rate-limited,',
      '              0 message lines dropped-by-MD,',
      '              xml disabled, sequence number disabled',
      '              filtering disabled',
    );
  }
  out.push('        Logging Source-Interface:       VRF Name:', '', 'Log Buffer (16384 bytes):', '', ...log.lines);
  return out.join('\n');
}

/**
 * IOS's syslog line: `service sequence-numbers` and `service timestamps log
 * datetime msec show-timezone`. In the buffer the sequence is zero-padded
 * (`000123: Mar  3 09:00:31.123 UTC: %...`, corpus: ntc-templates
 * cisco_ios_show_logging_1); over UDP the line gets `<PRI>` (facility local7).
 */
import { syslogDate } from '../render/format.js';
import type { IosMessage } from './messages.js';

export const LOCAL7 = 23;

export function bufferLine(sequence: number, at: number, msg: IosMessage): string {
  return `${String(sequence).padStart(6, '0')}: ${syslogDate(at)}: %${msg.facility}-${msg.severity}-${msg.mnemonic}: ${msg.text}`;
}

export function udpLine(sequence: number, at: number, msg: IosMessage): string {
  return `<${LOCAL7 * 8 + msg.severity}>${bufferLine(sequence, at, msg)}`;
}

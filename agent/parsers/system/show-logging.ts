import type { ParseResult } from '../../../proto/records/common.js';
import type { LoggingReport, SyslogRecord } from '../../../proto/records/system.js';
import { splitLines, Warnings, type Line } from '../lines.js';
import { entryLine, settingsLine, type OpenEntry } from './logging-settings.js';
import { isContinuationLine, isOpenEnded, parseSyslogLine, parseTruncatedSyslogLine } from './syslog-line.js';

const BUFFER_HEADER = /^Log Buffer \((\d+) bytes\):$/;

/**
 * `show logging`: the settings, then `Log Buffer (N bytes):` and the buffered
 * messages, oldest first. One record. Some captures hold only the buffer lines
 * (genieparser ios golden_output_2): the first line that reads as a syslog
 * message starts the buffer.
 */
export function parseShowLogging(text: string): ParseResult<LoggingReport> {
  const warnings = new Warnings("'Syslog logging:' settings lines, 'Log Buffer (N bytes):', then syslog messages");
  const report: LoggingReport = { settings: {}, messages: [] };
  const buffer = new BufferReader(report.messages, warnings);
  let inBuffer = false;
  let open: OpenEntry = { kind: 'none' };
  let sawAnything = false;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    sawAnything = true;
    if (inBuffer) {
      buffer.add(line);
      continue;
    }
    const header = BUFFER_HEADER.exec(t);
    if (header) {
      report.settings.bufferSizeBytes = Number(header[1]);
      inBuffer = true;
      continue;
    }
    const started = settingsLine(report.settings, t);
    if (started) {
      open = started;
      continue;
    }
    if (entryLine(report.settings, open, t)) continue;
    if (parseSyslogLine(t)) {
      inBuffer = true;
      buffer.add(line);
      continue;
    }
    warnings.add(line, 'unrecognised logging setting');
  }
  return { records: sawAnything ? [report] : [], warnings: warnings.list };
}

/** The buffered messages: one per line, with wrapped and continued lines folded into the message before. */
class BufferReader {
  private first = true;
  private last: SyslogRecord | undefined;
  /** The last message's text goes on over the following lines (`System restarted --`). */
  private openEnded = false;

  constructor(
    private readonly out: SyslogRecord[],
    private readonly warnings: Warnings,
  ) {}

  add(line: Line): void {
    const rec = parseSyslogLine(line.text);
    const isFirst = this.first;
    this.first = false;
    if (rec) {
      this.push(rec);
      return;
    }
    if (isFirst) {
      // The buffer wraps: its oldest line may be the tail of an overwritten message
      // (`IEEE PD`, ntc-templates cisco_ios_show_logging_2), or keep its mnemonic
      // with a cut header (`7:04: %LINEPROTO-5-UPDOWN: ...`, cisco_ios_show_logging_1).
      const cut = parseTruncatedSyslogLine(line.text);
      if (cut) this.push(cut);
      return;
    }
    if (this.last && (this.openEnded || isContinuationLine(line.text))) {
      this.last.text = `${this.last.text} ${line.text.trim()}`;
      return;
    }
    this.warnings.add(line, 'not a syslog message');
  }

  private push(rec: SyslogRecord): void {
    this.out.push(rec);
    this.last = rec;
    this.openEnded = isOpenEnded(rec);
  }
}

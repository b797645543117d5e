import { command, commandFamily } from '../command-spec.js';
import { parseShowLogging } from './show-logging.js';
import { parseShowVersion } from './show-version.js';
import { parseSyslogLines } from './syslog-line.js';

export { parseSyslogLine, parseSyslogLines } from './syslog-line.js';

export const systemCommands = commandFamily({
  'show version': command({
    id: 'show version',
    usage: 'show version',
    pattern: /^show version$/i,
    parse: (text) => parseShowVersion(text),
  }),
  'show logging': command({
    id: 'show logging',
    usage: 'show logging',
    pattern: /^show logging$/i,
    parse: (text) => parseShowLogging(text),
  }),
  syslog: command({
    id: 'syslog',
    usage: 'syslog (one message per line)',
    pattern: /^syslog$/i,
    parse: (text) => parseSyslogLines(text),
  }),
});

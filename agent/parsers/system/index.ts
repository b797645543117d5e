import { command, commandFamily, refusal } from '../command-spec.js';
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

/** Documented forms of these commands whose output is another layout. */
export const systemRefusals = [
  refusal(
    'show version {running | installed | provisioned | committed | rollback | RP ...}',
    /^show version .+$/i,
    "the packages of an IOS-XE install-mode image or one route processor's, not the version block",
  ),
  refusal(
    'show logging {history | count | summary | onboard ... | persistent | xml | process ...}',
    /^show logging .+$/i,
    'the SNMP history table, message counts, onboard failure logs or XML, not the logging settings and buffer',
  ),
];

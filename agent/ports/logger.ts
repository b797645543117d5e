/**
 * One injected logger per component: one JSON line per event; counters go to metrics, not logs.
 * Event names are kebab-case and say what happened (`ack-failed`); who logged it is the
 * `component` (a child logger: `agent.mqtt.publisher`), never a prefix of the event.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** JSON-lines logger writing through `write` (stdout, or a rotating file). */
export function jsonLogger(
  write: (line: string) => void,
  level: LogLevel = 'info',
  component = 'agent',
  now: () => number = Date.now,
): Logger {
  const emit =
    (lvl: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (RANK[lvl] < RANK[level]) return;
      write(JSON.stringify({ ts: new Date(now()).toISOString(), level: lvl, component, event, ...fields }) + '\n');
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (name) => jsonLogger(write, level, `${component}.${name}`, now),
  };
}

/** Discards everything (tests that do not look at logs). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

/**
 * The router's syslog as the shell sees it: lines arrive through the
 * `onRecord` callback given at start (agent/adapters/udp-syslog.ts listens on
 * UDP); the shell reads only what it reports about itself.
 */
export interface SyslogListener {
  readonly port: number;
  /** Datagrams dropped, by why: a source not allowed, or over its rate. */
  readonly dropped: { source: number; rate: number };
  close(): Promise<void>;
}

/**
 * `show event manager policy registered` (layout from a Catalyst capture:
 * `No.  Class     Type    Event Type          Trap  Time Registered           Name`,
 * then per policy its event's details, ` maxrun 20.000` and its actions,
 * policies separated by a blank line) and the applets' running-config lines.
 * The event detail lines of track and timer detectors are the lab's reading.
 */
import type { AppletAction, AppletConfig, AppletEvent } from '../router/config-model.js';
import { DEFAULT_MAXRUN_SEC, sortedActions } from '../router/dynamics/eem.js';
import type { RouterModel } from '../router/model.js';
import { pad } from './format.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri Jun 14 16:50:53 2024`. */
function registeredDate(ms: number): string {
  const d = new Date(ms);
  const t = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${t} ${d.getUTCFullYear()}`;
}

function eventType(e: AppletEvent): string {
  return e.kind === 'timer' ? `timer ${e.timer}` : e.kind;
}

function eventDetails(e: AppletEvent): string[] {
  switch (e.kind) {
    case 'syslog':
      return [
        ` pattern {${e.pattern}}`,
        ...(e.occurs !== undefined ? [` occurs ${e.occurs}`] : []),
        ...(e.periodSec !== undefined ? [` period ${e.periodSec.toFixed(3)}`] : []),
      ];
    case 'track':
      return [` track ${e.track} state ${e.state}`];
    case 'timer':
      return [` time ${e.timeSec.toFixed(3)}`];
    case 'none':
      return [];
  }
}

export function actionText(a: AppletAction): string {
  switch (a.kind) {
    case 'cli':
      return `action ${a.label} cli command "${a.command}"`;
    case 'syslog':
      return `action ${a.label} syslog msg "${a.msg}"`;
    case 'track-set':
      return `action ${a.label} track set ${a.track} state ${a.state}`;
  }
}

export function renderEemRegistered(m: RouterModel): string {
  const registered = [...m.config.applets.values()].filter((a): a is AppletConfig & { event: AppletEvent } => a.event !== undefined);
  const out = ['No.  Class     Type    Event Type          Trap  Time Registered           Name'];
  registered.forEach((a, i) => {
    if (i > 0) out.push('');
    out.push(
      `${pad(i + 1, 5)}${pad('applet', 10)}${pad('user', 8)}${pad(eventType(a.event), 20)}${pad('Off', 6)}${pad(registeredDate(a.registeredAt), 26)}${a.name}`,
    );
    out.push(...eventDetails(a.event), ` maxrun ${DEFAULT_MAXRUN_SEC.toFixed(3)}`);
    for (const action of sortedActions(a.actions)) out.push(` ${actionText(action)}`);
  });
  return out.join('\n');
}

function eventLine(e: AppletEvent): string {
  switch (e.kind) {
    case 'syslog':
      return `event syslog pattern "${e.pattern}"${e.occurs !== undefined ? ` occurs ${e.occurs}` : ''}${e.periodSec !== undefined ? ` period ${e.periodSec}` : ''}`;
    case 'track':
      return `event track ${e.track} state ${e.state}`;
    case 'timer':
      return `event timer ${e.timer} time ${e.timeSec}`;
    case 'none':
      return 'event none';
  }
}

/** `event manager applet NAME`, its event and its actions (label order), one space in. */
export function appletConfigLines(m: RouterModel): string[] {
  const out: string[] = [];
  for (const a of m.config.applets.values()) {
    out.push(`event manager applet ${a.name}`);
    if (a.event) out.push(` ${eventLine(a.event)}`);
    for (const action of sortedActions(a.actions)) out.push(` ${actionText(action)}`);
    out.push('!');
  }
  return out;
}

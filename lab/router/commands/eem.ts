/**
 * `event manager applet NAME` (sub-mode `config-applet`) with one event
 * detector (`event track N state up|down|any`, `event syslog pattern "RE"
 * [occurs N] [period S]`, `event timer watchdog|countdown time S`, `event
 * none`) and its actions (`action LABEL track set N state up|down`, `action
 * LABEL cli command "..."`, `action LABEL syslog msg "..."`), as the Cisco
 * EEM configuration guide writes them. A later `event` line replaces the
 * earlier one; an `action` line replaces the one with the same label.
 */
import { kw, type CommandDef, type Token } from '../../cli/grammar.js';
import type { AppletAction, AppletConfig, AppletEvent } from '../config-model.js';
import { now, type RouterModel } from '../model.js';
import { invalid, num, str, target } from './common.js';
import { parseQuoted, parseSyslogEvent } from './eem-text.js';

const TRACK: Token = { kind: 'number', name: 'track', min: 1, max: 1000 };
const NAME: Token = { kind: 'word', name: 'name' };
const LABEL: Token = { kind: 'word', name: 'label' };
const REST: Token = { kind: 'rest', name: 'text' };

export function eemCommands(m: RouterModel): CommandDef[] {
  const applets = m.config.applets;
  const applet = (ctxTarget: string): AppletConfig => applets.get(ctxTarget) ?? invalid();
  const setEvent = (ctxTarget: string, event: AppletEvent): void => {
    // A new event line registers the applet again: timers restart from now.
    applets.set(ctxTarget, { ...applet(ctxTarget), event, registeredAt: now(m) });
  };
  const setAction = (ctxTarget: string, action: AppletAction): void => {
    const a = applet(ctxTarget);
    applets.set(a.name, { ...a, actions: [...a.actions.filter((x) => x.label !== action.label), action] });
  };
  const timer = (kind: 'watchdog' | 'countdown'): CommandDef => ({
    modes: ['config-applet'],
    syntax: [...kw('event', 'timer', kind, 'time'), { kind: 'word', name: 'time' }],
    handler: (ctx, args) => {
      const timeSec = Number(str(args, 'time'));
      if (!/^\d+(\.\d{1,3})?$/.test(str(args, 'time')) || !(timeSec > 0)) invalid();
      setEvent(target(ctx), { kind: 'timer', timer: kind, timeSec });
    },
  });
  return [
    {
      modes: ['config'],
      syntax: [...kw('event', 'manager', 'applet'), NAME],
      handler: (_ctx, args) => {
        const name = str(args, 'name');
        if (!/^[\w.-]{1,64}$/.test(name)) invalid();
        if (!applets.has(name)) applets.set(name, { name, actions: [], registeredAt: now(m) });
        return { enter: { mode: 'config-applet', target: name } };
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'event', 'manager', 'applet'), NAME],
      handler: (_ctx, args) => {
        applets.delete(str(args, 'name'));
      },
    },
    ...(['up', 'down', 'any'] as const).map((state): CommandDef => ({
      modes: ['config-applet'],
      syntax: [...kw('event', 'track'), TRACK, ...kw('state', state)],
      handler: (ctx, args) => setEvent(target(ctx), { kind: 'track', track: num(args, 'track'), state }),
    })),
    {
      modes: ['config-applet'],
      syntax: [...kw('event', 'syslog', 'pattern'), REST],
      handler: (ctx, args) => setEvent(target(ctx), parseSyslogEvent(str(args, 'text')) ?? invalid()),
    },
    timer('watchdog'),
    timer('countdown'),
    { modes: ['config-applet'], syntax: kw('event', 'none'), handler: (ctx) => setEvent(target(ctx), { kind: 'none' }) },
    ...(['up', 'down'] as const).map((state): CommandDef => ({
      modes: ['config-applet'],
      syntax: [...kw('action'), LABEL, ...kw('track', 'set'), TRACK, ...kw('state', state)],
      handler: (ctx, args) => setAction(target(ctx), { label: str(args, 'label'), kind: 'track-set', track: num(args, 'track'), state }),
    })),
    {
      modes: ['config-applet'],
      syntax: [...kw('action'), LABEL, ...kw('cli', 'command'), REST],
      handler: (ctx, args) =>
        setAction(target(ctx), { label: str(args, 'label'), kind: 'cli', command: parseQuoted(str(args, 'text')) ?? invalid() }),
    },
    {
      modes: ['config-applet'],
      syntax: [...kw('action'), LABEL, ...kw('syslog', 'msg'), REST],
      handler: (ctx, args) =>
        setAction(target(ctx), { label: str(args, 'label'), kind: 'syslog', msg: parseQuoted(str(args, 'text')) ?? invalid() }),
    },
    {
      modes: ['config-applet'],
      syntax: [...kw('no', 'action'), LABEL],
      handler: (ctx, args) => {
        const a = applet(target(ctx));
        applets.set(a.name, { ...a, actions: a.actions.filter((x) => x.label !== str(args, 'label')) });
      },
    },
  ];
}

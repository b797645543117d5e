/**
 * Commands the terminal answers itself (modes, terminal settings), declared in
 * the same grammar as the router's so they abbreviate and collide the same
 * way: `en` is enable, `conf t` is configure terminal, `e` in exec is ambiguous
 * only if the router declares another `e` command.
 */
import { kw, type CommandDef, type Mode } from './grammar.js';
import { CONFIG_BANNER } from './messages.js';

/** What the built-ins may do to their session. */
export interface SessionControls {
  enable(): void;
  disable(): void;
  /** Ends the session (exec `exit` / `logout`). */
  logout(): void;
  configure(): void;
  /** Leaves one configuration level (`exit` in a config mode). */
  exitLevel(): void;
  /** Back to privileged exec from any configuration mode (`end`, Ctrl-Z). */
  endConfiguration(): void;
  setLength(lines: number): void;
  setWidth(columns: number): void;
  /** `terminal monitor` / `terminal no monitor`: the router's log lines copied to this vty as they happen. */
  setMonitor(on: boolean): void;
  describeTerminal(): string;
}

export function isConfigMode(mode: Mode): boolean {
  return mode === 'config' || mode.startsWith('config-');
}

/** `terminal length|width` and `show terminal`: usable from exec, and from config modes with `do`. */
export function terminalCommands(mode: Mode, s: SessionControls): CommandDef[] {
  const modes = [mode];
  return [
    // IOS: `terminal length <0-512>`, 0 = no paging; `terminal width <0-512>`.
    {
      modes,
      syntax: [...kw('terminal', 'length'), { kind: 'number', name: 'lines', min: 0, max: 512 }],
      handler: (_ctx, args) => s.setLength(Number(args.lines)),
    },
    {
      modes,
      syntax: [...kw('terminal', 'width'), { kind: 'number', name: 'columns', min: 0, max: 512 }],
      handler: (_ctx, args) => s.setWidth(Number(args.columns)),
    },
    { modes, syntax: kw('show', 'terminal'), handler: () => ({ output: s.describeTerminal() }) },
    // Privileged, as on IOS: a level-1 user cannot watch the router's log.
    ...(mode === 'exec'
      ? [
          { modes, syntax: kw('terminal', 'monitor'), handler: () => s.setMonitor(true) },
          { modes, syntax: kw('terminal', 'no', 'monitor'), handler: () => s.setMonitor(false) },
        ]
      : []),
  ];
}

/** The built-ins valid in `mode` (the `do` forms are added by the session). */
export function builtinCommands(mode: Mode, s: SessionControls): CommandDef[] {
  const modes = [mode];
  if (isConfigMode(mode)) {
    return [
      { modes, syntax: kw('exit'), handler: () => s.exitLevel() },
      { modes, syntax: kw('end'), handler: () => s.endConfiguration() },
    ];
  }
  const common: CommandDef[] = [
    { modes, syntax: kw('enable'), handler: () => s.enable() },
    { modes, syntax: kw('exit'), handler: () => s.logout() },
    { modes, syntax: kw('logout'), handler: () => s.logout() },
    ...terminalCommands(mode, s),
  ];
  if (mode === 'user') return common;
  return [
    ...common,
    { modes, syntax: kw('disable'), handler: () => s.disable() },
    {
      modes,
      syntax: kw('configure', 'terminal'),
      handler: () => {
        s.configure();
        return { output: CONFIG_BANNER };
      },
    },
  ];
}

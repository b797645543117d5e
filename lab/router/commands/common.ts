/** Helpers shared by the command files. */
import { CliError, type Args, type CommandContext } from '../../cli/grammar.js';

export const INVALID_INPUT = "% Invalid input detected at '^' marker.";

export function invalid(): never {
  throw new CliError([INVALID_INPUT]);
}

export function num(args: Args, name: string): number {
  const v = args[name];
  if (typeof v === 'number') return v;
  const n = Number(v);
  if (!Number.isInteger(n)) invalid();
  return n;
}

export function str(args: Args, name: string): string {
  const v = args[name];
  if (v === undefined) invalid();
  return String(v);
}

/** The id a numbered sub-mode is about (`config-track` for track 5 -> 5). */
export function targetNumber(ctx: CommandContext): number {
  const n = Number(ctx.modeTarget);
  if (!Number.isInteger(n)) invalid();
  return n;
}

export function target(ctx: CommandContext): string {
  if (ctx.modeTarget === undefined) invalid();
  return ctx.modeTarget;
}

/** Strict dotted quad (the terminal checks too; handlers never trust text). */
export function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

import type { CommandSpec } from '../command-spec.js';

export const systemCommands: CommandSpec[] = [];

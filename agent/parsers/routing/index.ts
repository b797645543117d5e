import type { CommandSpec } from '../command-spec.js';

export const routingCommands: CommandSpec[] = [];

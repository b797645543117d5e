import type { CommandSpec } from '../command-spec.js';
import { parseIkev2Sa } from './ikev2-sa.js';

export const cryptoCommands: CommandSpec[] = [
  {
    id: 'show crypto ikev2 sa',
    usage: 'show crypto ikev2 sa',
    pattern: /^show crypto ikev2 sa$/i,
    parse: (text) => parseIkev2Sa(text),
  },
];

import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { explainParse, formatExplanation } from '../parsers/explain.js';
import { COMMANDS, refusedForm, resolveCommand } from '../parsers/registry.js';

const HELP = `Usage: spokepilot parse "<show command>" [FILE] [--warnings | --explain]

Parses saved output of a show command (from FILE, or standard input) and prints
its records as JSON. With --warnings, prints {records, warnings}; otherwise
warnings go to standard error, one JSON line each. With --explain, prints each
line with what the parser did with it: the record it started and the fields it
set, "understood" for a line that records nothing (legend, header), or the
warning for a line no rule read.

Supported commands:
${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`;

export async function parseCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, warnings: { type: 'boolean' }, explain: { type: 'boolean' } },
    });
  } catch (err) {
    console.error(`spokepilot parse: ${(err as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (values.warnings && values.explain) {
    console.error('spokepilot parse: --warnings and --explain are two different outputs; give one');
    return 2;
  }
  if (command === undefined || extra.length > 0) {
    console.error(HELP);
    return 2;
  }
  const resolved = resolveCommand(command);
  if (!resolved) {
    // A documented form whose output has another layout says so, rather than only "unsupported".
    const refused = refusedForm(command);
    const why = refused ? `: it is "${refused.usage}", whose output is ${refused.reason}` : '';
    console.error(
      `spokepilot parse: unsupported command "${command}"${why}. Supported:\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`,
    );
    return 2;
  }
  let input: string;
  try {
    input = file === undefined || file === '-' ? await text(process.stdin) : readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`spokepilot parse: cannot read ${file ?? 'standard input'}: ${(err as Error).message}`);
    return 1;
  }
  if (values.explain) {
    console.log(formatExplanation(explainParse(resolved.spec, resolved.args, input)));
    return 0;
  }
  const result = resolved.spec.parse(input, resolved.args);
  if (values.warnings) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(JSON.stringify(result.records, null, 2));
    for (const w of result.warnings) console.error(JSON.stringify({ warning: w }));
  }
  return 0;
}

import { dirname, isAbsolute, join } from 'node:path';
import { isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { escapeControls } from './issue-text.js';
import { applyOverride, envOverrides, parsePackageConfig } from './package-config.js';
import { readTextCapped } from './read-capped.js';
import { validateConfig, type ConfigIssue, type ConfigResult } from './validate.js';

/**
 * A configuration is a few KiB (the examples 1.3-2.9 KiB). The YAML library
 * needs several hundred times a hostile file's size in heap: with the package's
 * 64 MB heap, 256 KiB of short flow lines ran it out and 128 KiB survived, so
 * the cap is 64 KiB (finding 15, red team 2026-12-06).
 */
export const MAX_CONFIG_FILE_BYTES = 64 * 1024;
/** Flow collections nested deeper than this are refused before parsing: 64 KiB of `[[[[` ran the 64 MB heap out. */
export const MAX_FLOW_NESTING = 32;

/**
 * Reads, parses and validates a configuration file; every problem is an issue
 * with its path, never a throw: SIGHUP reloads a running agent with this. A
 * `.ini` file is IOx's package_config.ini: it names the YAML and overrides
 * some of its values. Environment overrides apply last.
 */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = {}): ConfigResult {
  try {
    const text = read(path, 'config file');
    if (typeof text !== 'string') return text;
    if (!path.endsWith('.ini')) return loadConfigText(text, [], env);
    const ini = parsePackageConfig(text);
    if (!ini.ok) return { ok: false, issues: ini.errors.map((message) => ({ path, message: escapeControls(message) })) };
    if (!ini.config.file) return { ok: false, issues: [{ path, message: '[config] file = is required: the YAML configuration to run' }] };
    const yamlPath = isAbsolute(ini.config.file) ? ini.config.file : join(dirname(path), ini.config.file);
    const yaml = read(yamlPath, 'config file');
    if (typeof yaml !== 'string') return yaml;
    return loadConfigText(yaml, ini.config.overrides, env);
  } catch (err) {
    return internalFault(err);
  }
}

function read(path: string, what: string): string | ConfigResult {
  const r = readTextCapped(path, MAX_CONFIG_FILE_BYTES, what);
  if (r.ok) return r.text;
  return {
    ok: false,
    issues: [{ path: '', code: r.code === 'too-large' ? 'CONFIG_TOO_LARGE' : 'CONFIG_UNREADABLE', message: escapeControls(r.message) }],
  };
}

export function loadConfigText(
  text: string,
  overrides: { path: string[]; value: unknown }[] = [],
  env: NodeJS.ProcessEnv = {},
): ConfigResult {
  try {
    const depth = flowNestingDepth(text);
    if (depth > MAX_FLOW_NESTING) {
      return {
        ok: false,
        issues: [
          { path: '', code: 'CONFIG_TOO_DEEP', message: `flow collections ([ ] { }) nested ${depth} deep, at most ${MAX_FLOW_NESTING}` },
        ],
      };
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        issues: doc.errors.map((e) => ({
          path: '',
          code: 'CONFIG_YAML_SYNTAX',
          message: escapeControls(
            `YAML ${e.linePos ? `line ${e.linePos[0].line} column ${e.linePos[0].col}` : ''}: ${e.message.split('\n')[0]}`,
          ),
        })),
      };
    }
    const aliases = unresolvedAliases(doc, lines);
    if (aliases.length > 0) return { ok: false, issues: aliases };
    const js = toJS(doc);
    if (!js.ok) return js;
    if (js.value && typeof js.value === 'object' && !Array.isArray(js.value)) {
      for (const o of [...overrides, ...envOverrides(env)]) applyOverride(js.value as Record<string, unknown>, o.path, o.value);
    }
    return validateConfig(js.value);
  } catch (err) {
    return internalFault(err);
  }
}

/**
 * `site: *nope` parses without error, then toJS() throws ReferenceError
 * (finding 5: a one-character typo plus SIGHUP killed the agent). Found here
 * first, so each one is reported with its place in the file.
 */
function unresolvedAliases(doc: Document, lines: LineCounter): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(doc, {
    Alias(_key, node, ancestors) {
      if (node.resolve(doc) !== undefined) return;
      const at = node.range ? lines.linePos(node.range[0]) : undefined;
      issues.push({
        path: yamlPath([...ancestors, node]),
        code: 'CONFIG_YAML_ALIAS',
        message: escapeControls(
          `YAML ${at ? `line ${at.line} column ${at.col}` : ''}: alias *${node.source} names no anchor (&${node.source}) set before it`,
        ),
      });
    },
  });
  return issues;
}

/** The dotted path of a node from its chain of ancestors (Document, Map, Pair, Seq... node), as the schema's issues name it. */
function yamlPath(chain: readonly unknown[]): string {
  let path = '';
  chain.forEach((n, i) => {
    if (isPair(n)) {
      const k = escapeControls(String(isScalar(n.key) ? n.key.value : n.key));
      path = path ? `${path}.${k}` : k;
    } else if (isSeq(n)) {
      path = `${path}[${n.items.indexOf(chain[i + 1])}]`;
    }
  });
  return path;
}

/**
 * The alias-count limit (billion laughs) and anything else the library might
 * throw while building values become an issue.
 */
function toJS(doc: Document): { ok: true; value: unknown } | { ok: false; issues: ConfigIssue[] } {
  try {
    return { ok: true, value: doc.toJS() as unknown };
  } catch (err) {
    const alias = /alias/i.test((err as Error).message);
    return {
      ok: false,
      issues: [
        { path: '', code: alias ? 'CONFIG_YAML_ALIAS' : 'CONFIG_YAML_SYNTAX', message: escapeControls(`YAML: ${(err as Error).message}`) },
      ],
    };
  }
}

function internalFault(err: unknown): ConfigResult {
  return {
    ok: false,
    issues: [
      {
        path: '',
        code: 'CONFIG_INTERNAL',
        message: escapeControls(`cannot load the configuration: ${String((err as Error)?.message ?? err)}`),
      },
    ],
  };
}

/**
 * The deepest nesting of flow collections, skipping quoted scalars and
 * comments. Approximate where a plain scalar holds a bracket, which only errs
 * towards refusing: a configuration never nests anywhere near the limit.
 */
export function flowNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      deepest = Math.max(deepest, ++depth);
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Checks a package.yaml against Cisco's descriptor schema of the version it
 * declares (iox/schemas/, copied from the IOx SDK artifacts with their MIT
 * licence). The schemas are JSON Schema draft-04, hence ajv-draft-04.
 */
import AjvDraft04 from 'ajv-draft-04';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMAS = fileURLToPath(new URL('./schemas/', import.meta.url));

export function schemaFile(version: string): string {
  return `${SCHEMAS}schema_${version}.json`;
}

/** Problems with the descriptor, one line each with its path; empty when valid. */
export function descriptorProblems(doc: unknown, schemaVersion?: string): string[] {
  const version = schemaVersion ?? String((doc as Record<string, unknown>)?.['descriptor-schema-version']);
  const file = schemaFile(version);
  if (!existsSync(file)) return [`no IOx descriptor schema ${version} in ${SCHEMAS}`];
  // A CommonJS module under NodeNext: the class is its `default` (ajv's own ESM types say so too).
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

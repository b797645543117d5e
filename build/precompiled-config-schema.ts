/**
 * esbuild plugin: agent/config/schema-validator.ts becomes the validator ajv
 * generates for it now (standalone code, same options), so the compiled CLI
 * neither loads ajv's compiler nor generates code at each start.
 */
import type { Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { CONFIG_SCHEMA } from '../agent/config/schema.js';
import { SCHEMA_VALIDATOR_OPTIONS } from '../agent/config/schema-validator.js';

const require = createRequire(import.meta.url);

export function precompiledConfigSchema(): Plugin {
  return {
    name: 'precompiled-config-schema',
    setup(build) {
      // The generated code require()s ajv's small runtime helpers: bundled, since an ES module cannot require an external one.
      build.onResolve({ filter: /^ajv\/dist\/runtime\// }, (args) => ({ path: require.resolve(args.path) }));
      build.onLoad({ filter: /[\\/]agent[\\/]config[\\/]schema-validator\.ts$/ }, (args) => {
        const ajv = new Ajv({ ...SCHEMA_VALIDATOR_OPTIONS, code: { source: true, esm: true } });
        // A CommonJS module whose exports are the function, with itself as `.default`.
        const code = standalone.default(ajv, ajv.compile(CONFIG_SCHEMA));
        // The schema's own import keeps schema.ts among the build's inputs: an edit to it makes the build stale.
        return {
          contents: `import './schema.js';\n${code}\nexport { validate as validateSchema };\n`,
          loader: 'js',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

import { dirname, relative, resolve } from 'node:path';

/**
 * The agent's layering as a lint rule (issue 14): which folders a folder may
 * import from, judged on the resolved path, so the depth of a file does not
 * matter. Options: `allow` (repository folders a file may import from; absent:
 * any), `forbid` (folders it may not), `packages` (bare imports allowed;
 * absent: any).
 */
const layers = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' } },
          forbid: { type: 'array', items: { type: 'string' } },
          packages: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const o = context.options[0] ?? {};
    const inside = (path, folder) => path === folder || path.startsWith(`${folder}/`);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        if (o.packages && !o.packages.some((p) => spec === p || spec.startsWith(`${p}/`))) {
          context.report({
            node: node.source,
            message: `${o.layer} may import only ${[...(o.allow ?? []), ...o.packages].join(', ')}; not the package "${spec}"`,
          });
        }
        return;
      }
      const target = relative(context.cwd, resolve(dirname(context.filename), spec))
        .split('\\')
        .join('/');
      if (o.forbid?.some((f) => inside(target, f))) {
        context.report({ node: node.source, message: `${o.layer} may not import ${target}: go through a port in agent/ports/ (issue 14)` });
      } else if (o.allow && !o.allow.some((a) => inside(target, a))) {
        context.report({ node: node.source, message: `${o.layer} may import only ${o.allow.join(', ')}; not ${target}` });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const layering = { rules: { layers } };

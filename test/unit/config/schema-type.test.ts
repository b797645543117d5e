/**
 * The compile-time check that keeps the schema and the types one source
 * (agent/config/schema-type.ts). These assertions are checked by `npm run
 * typecheck` (tsc covers test/); at run time they only state the cases.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Drift, FromSchema } from '../../../agent/config/schema-type.js';

// Only its type is read.
const _SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    port: { type: 'integer', default: 22 },
    mode: { enum: ['a', 'b'] },
    ops: { type: 'array', items: { type: 'integer' } },
    size: { type: ['integer', 'string'] },
    secret: { oneOf: [{ type: 'string' }, { type: 'object', properties: { env: { type: 'string' } }, required: ['env'] }] },
  },
  required: ['name'],
} as const;

type Shape = {
  name: string;
  port: number;
  mode?: 'a' | 'b';
  ops?: readonly number[];
  size?: number | string;
  secret?: string | { env: string };
};

describe('FromSchema and Drift', () => {
  it('derive required, defaulted and optional keys, enums, lists, unions and secrets', () => {
    expectTypeOf<Drift<Shape, FromSchema<typeof _SCHEMA>>>().toEqualTypeOf<never>();
    expectTypeOf<FromSchema<typeof _SCHEMA>['port']>().toEqualTypeOf<number>();
  });

  it('name each path that drifted', () => {
    type S = FromSchema<typeof _SCHEMA>;
    expectTypeOf<Drift<Shape & { extra: number }, S>>().toEqualTypeOf<'extra: in the type, not in the schema'>();
    expectTypeOf<Drift<Omit<Shape, 'ops'>, S>>().toEqualTypeOf<'ops: in the schema, not in the type'>();
    expectTypeOf<
      Drift<Omit<Shape, 'port'> & { port?: number }, S>
    >().toEqualTypeOf<'port: optional in the type, always there from the schema'>();
    expectTypeOf<Drift<Omit<Shape, 'mode'> & { mode?: 'a' | 'b' | 'c' }, S>>().toEqualTypeOf<'mode: the types differ'>();
    expectTypeOf<Drift<Omit<Shape, 'ops'> & { ops?: string[] }, S>>().toEqualTypeOf<'ops[]: the types differ'>();
  });
});

/**
 * The TypeScript type a JSON schema validates to, and a check that two types
 * agree key by key: what keeps agent/config/schema.ts and types.ts one source
 * (issue 14, item 7). Types only; nothing here runs.
 */

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A schema's `type` word as TypeScript; `['integer', 'string']` is either. */
type Primitive<T> = T extends 'integer' | 'number' ? number : T extends 'string' ? string : T extends 'boolean' ? boolean : never;

/**
 * The object a validated `{ type: 'object', properties, required }` is: a key
 * listed in `required` or carrying a `default` (filled in by the validator,
 * `useDefaults`) is always there; any other key is optional.
 */
type ObjectFrom<P, R> = Simplify<
  { -readonly [K in keyof P as K extends R ? K : P[K] extends { readonly default: unknown } ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : P[K] extends { readonly default: unknown } ? never : K]?: FromSchema<P[K]>;
  }
>;

/** The value a document matching schema `S` is once the validator has filled in the defaults. */
export type FromSchema<S> = S extends { readonly oneOf: readonly (infer O)[] }
  ? FromSchema<O>
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly type: 'object'; readonly properties: infer P }
      ? ObjectFrom<P, S extends { readonly required: readonly (infer R)[] } ? R : never>
      : S extends { readonly type: 'object'; readonly additionalProperties: infer V }
        ? Record<string, FromSchema<V>>
        : S extends { readonly type: 'array'; readonly items: infer I }
          ? FromSchema<I>[]
          : S extends { readonly type: infer T }
            ? Primitive<T extends readonly (infer U)[] ? U : T>
            : unknown;

type Join<P extends string, K extends string> = P extends '' ? K : `${P}.${K}`;
type IsOptional<T, K extends keyof T> = Partial<Pick<T, K>> extends Pick<T, K> ? true : false;
/** Readonly or not is no drift: the core's types are readonly, what the schema yields is not. */
type Writable<T> = T extends readonly (infer X)[] ? Writable<X>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
type Same<A, B> = [Writable<A>] extends [Writable<B>] ? ([Writable<B>] extends [Writable<A>] ? true : false) : false;

type ObjectDrift<T, S, P extends string> = {
  [K in keyof T | keyof S]: K extends string
    ? K extends keyof T
      ? K extends keyof S
        ? IsOptional<T, K> extends IsOptional<S, K>
          ? Drift<Exclude<T[K], undefined>, Exclude<S[K], undefined>, Join<P, K>>
          : `${Join<P, K>}: ${IsOptional<T, K> extends true ? 'optional in the type, always there from the schema' : 'always there in the type, optional in the schema'}`
        : `${Join<P, K>}: in the type, not in the schema`
      : `${Join<P, K>}: in the schema, not in the type`
    : never;
}[keyof T | keyof S];

/**
 * Where type `T` (written by hand) and `S` (derived from the schema) disagree,
 * as a union of messages naming the path (`policy.metered: in the type, not in
 * the schema`); `never` when they agree. Objects are compared key by key
 * (presence and optionality), arrays by element (readonly or not), anything
 * else by assignability both ways.
 */
export type Drift<T, S, P extends string = ''> = [T] extends [readonly unknown[]]
  ? [S] extends [readonly unknown[]]
    ? Drift<T[number], S[number], `${P}[]`>
    : `${P}: a list in the type only`
  : [T] extends [object]
    ? [S] extends [object]
      ? [ObjectDrift<T, S, P>] extends [never]
        ? Same<T, S> extends true
          ? never
          : `${P}: the types differ`
        : ObjectDrift<T, S, P>
      : `${P}: a mapping in the type only`
    : Same<T, S> extends true
      ? never
      : `${P}: the types differ`;

/** Compiles only when `D` is `never`; otherwise the error names each path that drifted. */
export type AssertNoDrift<D extends never> = D;

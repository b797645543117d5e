import type { Reload } from './schema.js';
import { CONFIG_SCHEMA_VIEW, isMapping, reloadOf, sameValue, type SchemaView } from './schema-view.js';

export interface ReloadPlan<T> {
  /** The configuration in force after the reload. */
  value: T;
  /** Top-level keys whose new value was taken and differs from the one in force before. */
  applied: (keyof T & string)[];
  /** Top-level keys whose new value differs in a part a reload does not apply: they keep the old one. */
  needRestart: (keyof T & string)[];
}

/**
 * What a reload (SIGHUP, set-policy) does with `next`, as the schema declares
 * it (`x-reload`): a top-level key marked `live` is taken at once; any other is
 * taken only when it differs in nothing but parts marked `live` (a metered
 * WAN's budget inside flexvpn), and otherwise keeps its value and is named as
 * needing a restart. Pure.
 */
export function planReload<T extends object>(was: T, next: T, schema: SchemaView = CONFIG_SCHEMA_VIEW): ReloadPlan<T> {
  const value = { ...was };
  const applied: (keyof T & string)[] = [];
  const needRestart: (keyof T & string)[] = [];
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    const node = schema.properties?.[key];
    const takes = node
      ? reloadOf(node) === 'live' || sameOutsideLive(node, was[key], next[key], 'restart')
      : sameValue(was[key], next[key]);
    if (!takes) {
      needRestart.push(key);
      continue;
    }
    value[key] = next[key];
    if (!sameValue(was[key], next[key])) applied.push(key);
  }
  return { value, applied, needRestart };
}

/** `a` and `b` are equal in every part a reload cannot apply; parts marked (or inheriting) `live` are not compared. */
function sameOutsideLive(node: SchemaView, a: unknown, b: unknown, inherited: Reload): boolean {
  const reload = reloadOf(node, inherited);
  if (reload === 'live') return true;
  const props = node.properties;
  if (props && isMapping(a) && isMapping(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => {
      const child = props[k];
      return child ? sameOutsideLive(child, a[k], b[k], reload) : sameValue(a[k], b[k]);
    });
  }
  const items = node.items;
  if (items && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameOutsideLive(items, x, b[i], reload));
  }
  return sameValue(a, b);
}

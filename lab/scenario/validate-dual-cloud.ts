/**
 * Scenario actions of the dual-cloud design: a flow from the spoke's LAN to
 * another spoke (`start-flow: 10.20.13.7`, `stop-flow: ...`), which NHRP turns
 * into a shortcut, and what a hub advertises by BGP (`hub-advertises: { hub,
 * routes: [{ prefix, med, as-path }] }`).
 */
import { isIPv4 } from 'node:net';
import type { HubAdvertisedRoute, ScenarioAction } from './schema.js';

const DUAL_CLOUD_ACTIONS = ['start-flow', 'stop-flow', 'hub-advertises'] as const;
export type DualCloudActionKind = (typeof DUAL_CLOUD_ACTIONS)[number];
export const isDualCloudAction = (kind: string): kind is DualCloudActionKind => (DUAL_CLOUD_ACTIONS as readonly string[]).includes(kind);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCidr = (p: unknown): p is string =>
  typeof p === 'string' && /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.test(p) && isIPv4(p.split('/')[0]!) && Number(p.split('/')[1]) <= 32;

export function parseDualCloudAction(kind: DualCloudActionKind, v: unknown, where: string, problems: string[]): ScenarioAction | undefined {
  if (kind === 'start-flow' || kind === 'stop-flow') {
    if (typeof v === 'string' && isIPv4(v)) return { kind, to: v };
    problems.push(`${where}: the destination, an IPv4 address on another spoke's LAN`);
    return undefined;
  }
  if (!isObj(v) || typeof v.hub !== 'string' || v.hub === '' || !Array.isArray(v.routes)) {
    problems.push(`${where}: needs hub and routes (a list of { prefix, med, as-path })`);
    return undefined;
  }
  for (const key of Object.keys(v)) if (key !== 'hub' && key !== 'routes') problems.push(`${where}: unknown key "${key}" (hub, routes)`);
  const routes: HubAdvertisedRoute[] = [];
  v.routes.forEach((r, i) => {
    const at = `${where}.routes[${i}]`;
    if (!isObj(r) || !isCidr(r.prefix)) {
      problems.push(`${at}.prefix: required, IPv4 CIDR`);
      return;
    }
    for (const key of Object.keys(r))
      if (!['prefix', 'med', 'as-path'].includes(key)) problems.push(`${at}: unknown key "${key}" (prefix, med, as-path)`);
    const route: HubAdvertisedRoute = { prefix: r.prefix };
    if (r.med !== undefined) {
      if (typeof r.med === 'number' && Number.isInteger(r.med) && r.med >= 0 && r.med <= 4294967295) route.med = r.med;
      else problems.push(`${at}.med: an integer from 0 to 4294967295`);
    }
    if (r['as-path'] !== undefined) {
      const path = r['as-path'];
      if (Array.isArray(path) && path.every((a) => Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 4294967295))
        route.asPath = path as number[];
      else problems.push(`${at}.as-path: a list of AS numbers`);
    }
    routes.push(route);
  });
  return { kind, hub: v.hub, routes };
}

import type { Mapper } from '../mapper.js';
import { cryptoMappers } from './crypto.js';
import { routingMappers } from './routing.js';
import { bgpMappers } from './bgp.js';
import { healthMappers } from './health.js';
import { systemMappers } from './system.js';

/** Mapper per command id (`CommandSpec.id`). */
export const MAPPERS: Record<string, Mapper> = {
  ...cryptoMappers,
  ...routingMappers,
  ...bgpMappers,
  ...healthMappers,
  ...systemMappers,
};

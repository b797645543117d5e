import type { Mapper } from '../mapper.js';

export const routingMappers: Record<string, Mapper> = {};

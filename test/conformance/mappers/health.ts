import type { Mapper } from '../mapper.js';

export const healthMappers: Record<string, Mapper> = {};

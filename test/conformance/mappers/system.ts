import type { Mapper } from '../mapper.js';

export const systemMappers: Record<string, Mapper> = {};

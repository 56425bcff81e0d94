/** exante module. */
export * from './exante.entity';
export * from './exante.enums';

export const exanteResolvers = [] as const;

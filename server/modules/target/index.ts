/** target module. */
export * from './target.entity';
export * from './target.enums';

export const targetResolvers = [] as const;

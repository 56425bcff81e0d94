/** indicator module. */
export * from './indicator.entity';
export * from './indicator.enums';

export const indicatorResolvers = [] as const;

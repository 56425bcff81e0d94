/** review module. */
export * from './review.entity';
export * from './review.enums';

export const reviewResolvers = [] as const;

/** project module. */
export * from './project.entity';
export * from './project.enums';

export const projectResolvers = [] as const;

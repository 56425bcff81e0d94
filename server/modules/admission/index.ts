/** admission module. */
export * from './admission.entity';
export * from './admission.enums';

export const admissionResolvers = [] as const;

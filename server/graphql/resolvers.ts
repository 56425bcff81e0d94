import type { NonEmptyArray } from 'type-graphql';
import { fiscalResolvers } from '../modules/fiscal';

type ResolverClass = new (...args: never[]) => object;

/** Every module's resolvers. A module adds its list here. */
export const resolvers: NonEmptyArray<ResolverClass> = [...fiscalResolvers];

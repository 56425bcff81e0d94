import { createParameterDecorator, type ResolverData } from 'type-graphql';

/** What `@Parent()` resolves to: the parent object itself. */
export const parentOf = ({ root }: ResolverData<object>): unknown => root;

/**
 * The parent object of a field resolver, as it is. type-graphql's `@Root()` copies the parent into a new instance of
 * its class on every call — thousands of allocations on a large nested response (a page of projects with their
 * targets and rows) for nothing, since the reads already return objects of the API's shape.
 */
export function Parent() {
  return createParameterDecorator(parentOf);
}

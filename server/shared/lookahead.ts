import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the current field's selection asks for `path` (e.g. ['indicator', 'category']), looking through inline
 * fragments and named fragments. Resolvers use it to prefetch, in one round, a relation their children will need.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => has(info, node.selectionSet, path));
}

function has(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, path: readonly string[]): boolean {
  if (!set || path.length === 0) return path.length === 0;
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (selection.kind === 'Field') {
      if ((selection as FieldNode).name.value === head && has(info, selection.selectionSet, rest)) return true;
    } else if (selection.kind === 'InlineFragment') {
      if (has(info, selection.selectionSet, path)) return true;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && has(info, fragment.selectionSet, path)) return true;
    }
  }
  return false;
}

import type { FieldNode, GraphQLResolveInfo, SelectionNode, SelectionSetNode } from 'graphql';

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

/**
 * The names of the fields selected at `path` below the current field (e.g. ['items'] for a list's items), through
 * fragments: what a read needs to select. Names only, so aliases and arguments do not matter.
 */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[] = []): ReadonlySet<string> {
  return memo(info, `fields:${path.join('.')}`, () => {
    const names = new Set<string>();
    for (const node of info.fieldNodes) collect(info, node.selectionSet, path, names);
    return names;
  });
}

/**
 * Per field and request, the answer computed once: graphql-js hands every item of a list the same `fieldNodes`
 * array (its field collection is memoized), so a relation resolved for 1,000 rows walks its selection once, not
 * 1,000 times. Keyed by the variables too, which decide @skip / @include.
 */
const memos = new WeakMap<readonly FieldNode[], WeakMap<object, Map<string, unknown>>>();
function memo<T>(info: GraphQLResolveInfo, key: string, compute: () => T): T {
  let byVariables = memos.get(info.fieldNodes);
  if (!byVariables) {
    byVariables = new WeakMap();
    memos.set(info.fieldNodes, byVariables);
  }
  let byKey = byVariables.get(info.variableValues);
  if (!byKey) {
    byKey = new Map();
    byVariables.set(info.variableValues, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute();
  byKey.set(key, value);
  return value;
}

function collect(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  path: readonly string[],
  into: Set<string>,
): void {
  if (!set) return;
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (!included(info, selection)) continue;
    if (selection.kind === 'Field') {
      if (head === undefined) into.add(selection.name.value);
      else if (selection.name.value === head) collect(info, selection.selectionSet, rest, into);
    } else if (selection.kind === 'InlineFragment') {
      collect(info, selection.selectionSet, path, into);
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) collect(info, fragment.selectionSet, path, into);
    }
  }
}

/** Whether @skip / @include let a selection through, with the request's variables. */
function included(info: GraphQLResolveInfo, selection: SelectionNode): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    let value: unknown;
    if (arg?.kind === 'BooleanValue') value = arg.value;
    else if (arg?.kind === 'Variable') value = info.variableValues[arg.name.value];
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value === false) return false;
  }
  return true;
}

/**
 * A query's selection below one field, as a tree of field names (through fragments, with @skip / @include applied):
 * what a read needs to select at each level, and which relations a page will ask for next. Names only, so aliases
 * and arguments do not matter.
 */
export class SelectionTree {
  private readonly children = new Map<string, SelectionTree>();

  has(field: string): boolean {
    return this.children.has(field);
  }

  /** The selection below `field` (an empty tree when it is not selected). */
  child(field: string): SelectionTree {
    return this.children.get(field) ?? EMPTY;
  }

  /** @internal */
  add(field: string): SelectionTree {
    let tree = this.children.get(field);
    if (!tree) {
      tree = new SelectionTree();
      this.children.set(field, tree);
    }
    return tree;
  }
}

const EMPTY = new SelectionTree();

/** The selection tree at `path` below the current field (e.g. ['items'] for a list's items). */
export function selectionTree(info: GraphQLResolveInfo, path: readonly string[] = []): SelectionTree {
  return memo(info, `tree:${path.join('.')}`, () => {
    const root = new SelectionTree();
    for (const node of info.fieldNodes) build(info, node.selectionSet, root);
    let tree = root;
    for (const field of path) tree = tree.child(field);
    return tree;
  });
}

function build(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, into: SelectionTree): void {
  if (!set) return;
  for (const selection of set.selections) {
    if (!included(info, selection)) continue;
    if (selection.kind === 'Field') build(info, selection.selectionSet, into.add(selection.name.value));
    else if (selection.kind === 'InlineFragment') build(info, selection.selectionSet, into);
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) build(info, fragment.selectionSet, into);
    }
  }
}

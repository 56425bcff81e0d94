import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Context } from '../shared/context';

/** The limits every operation is checked against before it executes (README, "Limits"). */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  /** Operations in one HTTP request (an array body); 1 refuses batching. */
  readonly maxBatch: number;
}

/** The page size a paged list returns when the query gives no `limit` (the schema's default is read first). */
const DEFAULT_PAGE_SIZE = 50;
/** The weight of a list without paging (a project's targets, a target's rows): a few items per parent. */
export const UNPAGED_LIST_WEIGHT = 5;

/** What one selection set costs, unmultiplied by the lists around it. */
export interface Measure {
  /** Deepest field nesting (a top-level field is depth 1). */
  depth: number;
  /** Sum over fields of (1 + its children's cost) × the page size of the lists it is in. */
  cost: number;
  /** Fields written with an alias. */
  aliases: number;
}

/**
 * Measures an operation as it would execute: fragments expanded (each measured once, so a query built of fragments
 * spreading fragments costs linear time here), introspection fields (`__schema`, `__type`, `__typename`) left out —
 * graphql-js bounds introspection depth itself and production turns it off. A field with a `limit` argument
 * multiplies its subtree by that page size (the variable's value, the argument's default, else 50); under it, the
 * page's `items` list counts once; any other list multiplies by UNPAGED_LIST_WEIGHT.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): Measure {
  const memo = new Map<string, Measure>();
  const pageSize = (node: ValueNode | undefined, fallback: number): number => {
    if (!node) return fallback;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const value = variables[node.name.value];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      const def = operation.variableDefinitions?.find((v) => v.variable.name.value === node.name.value);
      return pageSize(def?.defaultValue, fallback);
    }
    return fallback;
  };
  const fieldOf = (type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined =>
    type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;

  const measure = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, underPage: boolean): Measure => {
    const total: Measure = { depth: 0, cost: 0, aliases: 0 };
    const add = (m: Measure) => {
      total.depth = Math.max(total.depth, m.depth);
      total.cost += m.cost;
      total.aliases += m.aliases;
    };
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) total.aliases += 1;
        if (sel.name.value.startsWith('__')) continue;
        const field = fieldOf(parent, sel.name.value);
        const limitArg = field?.args.find((a) => a.name === 'limit');
        let weight = 1;
        if (limitArg) {
          const fallback = typeof limitArg.defaultValue === 'number' ? limitArg.defaultValue : DEFAULT_PAGE_SIZE;
          weight = Math.max(0, pageSize(sel.arguments?.find((a) => a.name.value === 'limit')?.value, fallback));
        } else if (field && isListType(getNullableType(field.type)) && !underPage) {
          weight = UNPAGED_LIST_WEIGHT;
        }
        const children = sel.selectionSet
          ? measure(sel.selectionSet, field ? getNamedType(field.type) : undefined, limitArg !== undefined)
          : { depth: 0, cost: 0, aliases: 0 };
        add({ depth: children.depth + 1, cost: 1 + children.cost * weight, aliases: children.aliases });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        add(measure(sel.selectionSet, type ?? undefined, underPage));
      } else {
        const name = sel.name.value;
        const key = `${name}:${underPage}`;
        let m = memo.get(key);
        if (!m) {
          const fragment = fragments[name];
          // Validation has refused unknown and cyclic fragments before this runs; the guard keeps it total.
          memo.set(key, { depth: 0, cost: 0, aliases: 0 });
          m = fragment
            ? measure(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, underPage)
            : { depth: 0, cost: 0, aliases: 0 };
          memo.set(key, m);
        }
        add(m);
      }
    }
    return total;
  };
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return measure(operation.selectionSet, root ?? undefined, false);
}

function refused(code: string, message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details, http: { status: 400 } } });
}

/** The limit errors, for the HTTP status plugin (they are request errors: nothing executed). */
export const LIMIT_ERROR_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY', 'TOO_MANY_ALIASES'] as const;

/** The error an operation over a limit is refused with, or null when it is within them. */
export function checkLimits(measured: Measure, limits: QueryLimits): GraphQLError | null {
  if (measured.depth > limits.maxDepth) {
    return refused(
      'QUERY_TOO_DEEP',
      `The query nests fields ${measured.depth} levels deep; at most ${limits.maxDepth} are allowed. ` +
        'Split it into several queries, or fetch the deeper records by id.',
      { depth: measured.depth, maxDepth: limits.maxDepth },
    );
  }
  if (measured.aliases > limits.maxAliases) {
    return refused(
      'TOO_MANY_ALIASES',
      `The query uses ${measured.aliases} aliases; at most ${limits.maxAliases} are allowed. ` +
        'Fetch lists with a filter instead of aliasing one field many times.',
      { aliases: measured.aliases, maxAliases: limits.maxAliases },
    );
  }
  if (measured.cost > limits.maxCost) {
    return refused(
      'QUERY_TOO_COSTLY',
      `The query's estimated cost is ${measured.cost}; at most ${limits.maxCost} is allowed. ` +
        'Each list multiplies the cost of the fields under it by its page size (limit, 50 by default): ' +
        'ask for smaller pages or fewer nested fields.',
      { cost: measured.cost, maxCost: limits.maxCost },
    );
  }
  return null;
}

/** Refuses an operation over the depth, alias or cost limit after it resolves and before anything executes. */
export function limitsPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const def of document.definitions) {
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
          }
          const error = checkLimits(measureOperation(schema, operation, fragments, request.variables ?? {}), limits);
          if (error) throw error;
        },
      };
    },
  };
}

/**
 * Batched operations (a JSON array body): refused with BATCHING_NOT_ALLOWED when the limit is 1, and arrays longer
 * than the limit refused otherwise. Runs after the JSON body parser and before Apollo.
 */
export function batchLimit(maxBatch: number): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body) || body.length <= maxBatch) return next();
    const message =
      maxBatch <= 1
        ? 'Batched operations (a JSON array body) are not accepted; send one operation per request.'
        : `A batch may hold at most ${maxBatch} operations; this one has ${body.length}. Split it.`;
    res
      .status(400)
      .type('application/json')
      .send(
        JSON.stringify({
          errors: [{ message, extensions: { code: 'BATCHING_NOT_ALLOWED', operations: body.length, maxBatch } }],
        }),
      );
  };
}

/**
 * Body parser refusals (a body over 1 MB: 413; not JSON: 400; an unknown charset: 415) answered as GraphQL errors
 * rather than express's HTML page, which outside production carries a stack trace.
 */
export const bodyErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const status = (err as { status?: unknown } | null)?.status;
  if (res.headersSent || typeof status !== 'number' || status < 400 || status >= 500) return next(err);
  const message =
    status === 413
      ? 'The request body is larger than the server accepts (1 MB); send less, or split the work into several requests.'
      : status === 400
        ? 'The request body is not valid JSON.'
        : (err as { expose?: boolean }).expose
          ? String((err as Error).message)
          : 'The request body cannot be read.';
  res
    .status(status)
    .type('application/json')
    .send(
      JSON.stringify({
        errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }],
      }),
    );
};

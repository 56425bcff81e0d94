/**
 * The console's one query builder over the API's single list shape. Pure: no React, no Apollo, so jest can drive it
 * with the real introspection of the schema (test/unit/admin.buildQuery.test.ts).
 *
 * - GET_LIST / GET_MANY / GET_MANY_REFERENCE → `<plural>(filter, sort: [{field, direction}], offset, limit) { items totalCount }`
 * - GET_ONE → `<singular>(id)`; CREATE → `create<X>(input)`; UPDATE → `update<X>(id, input)`; DELETE → `delete<X>(id)`
 */
import {
  type DocumentNode,
  type IntrospectionField,
  type IntrospectionInputObjectType,
  type IntrospectionInputTypeRef,
  type IntrospectionSchema,
  type IntrospectionType,
  type IntrospectionTypeRef,
  parse,
} from 'graphql';
import { type FieldSpec, RESOURCES, type ResourceSpec } from './fields';

/** The part of ra-data-graphql's IntrospectionResult this module reads. */
export interface Introspection {
  readonly types: readonly IntrospectionType[];
  /** The fields of Query and Mutation (ra-data-graphql types them loosely as object types). */
  readonly queries: readonly unknown[];
  readonly schema?: IntrospectionSchema;
}

export interface BuiltQuery {
  readonly query: DocumentNode;
  readonly variables: Record<string, unknown>;
  parseResponse(response: { data: Record<string, unknown> }): { data: unknown; total?: number };
}

/** The page size the API accepts at most (server/shared/list.ts MAX_PAGE_SIZE). */
export const MAX_PAGE_SIZE = 200;

type Params = Record<string, unknown> & {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: string };
  filter?: Record<string, unknown>;
  ids?: readonly (string | number)[];
  id?: string | number;
  target?: string;
  data?: Record<string, unknown>;
  previousData?: Record<string, unknown>;
};

/** The selection for one resource and the signed-in user's permissions. */
export function selection(fields: readonly FieldSpec[], permissions: ReadonlySet<string>): string {
  return fields
    .filter((f) => typeof f === 'string' || f.requires.some((p) => permissions.has(p)))
    .map((f) => (typeof f === 'string' ? f : f.select))
    .join(' ');
}

function typeRefToString(ref: IntrospectionTypeRef | IntrospectionInputTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeRefToString(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${typeRefToString(ref.ofType)}]`;
  return ref.name;
}

function namedType(ref: IntrospectionTypeRef | IntrospectionInputTypeRef): string {
  return ref.kind === 'NON_NULL' || ref.kind === 'LIST' ? namedType(ref.ofType) : ref.name;
}

/** camelCase → UPPER_SNAKE, the API's sort field enum values (`createdAt` → `CREATED_AT`). */
export function sortFieldOf(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function mutationFields(introspection: Introspection): readonly IntrospectionField[] {
  const name = introspection.schema?.mutationType?.name ?? 'Mutation';
  const type = introspection.schema?.types.find((t) => t.name === name);
  const fromSchema = type && 'fields' in type ? (type.fields as readonly IntrospectionField[]) : [];
  return fromSchema.length > 0 ? fromSchema : (introspection.queries as readonly IntrospectionField[]);
}

function operation(introspection: Introspection, name: string, mutation: boolean): IntrospectionField {
  const source = mutation ? mutationFields(introspection) : (introspection.queries as readonly IntrospectionField[]);
  const field = source.find((q) => q.name === name);
  if (!field) throw new Error(`The API has no ${mutation ? 'mutation' : 'query'} ${name}.`);
  return field;
}

function argType(field: IntrospectionField, arg: string): string {
  const found = field.args.find((a) => a.name === arg);
  if (!found) throw new Error(`${field.name} has no argument ${arg}.`);
  return typeRefToString(found.type);
}

function inputFieldNames(introspection: Introspection, typeName: string): Set<string> {
  const type = introspection.types.find((t) => t.name === typeName) as IntrospectionInputObjectType | undefined;
  return new Set((type?.inputFields ?? []).map((f) => f.name));
}

function enumValues(introspection: Introspection, typeName: string): Set<string> {
  const type = introspection.types.find((t) => t.name === typeName);
  return new Set(type && type.kind === 'ENUM' ? type.enumValues.map((v) => v.name) : []);
}

/** react-admin's filter → the API's filter input: `q` is the text search; unknown keys and empty values are dropped. */
function toFilter(introspection: Introspection, list: IntrospectionField, filter: Record<string, unknown>) {
  const arg = list.args.find((a) => a.name === 'filter');
  if (!arg) return undefined;
  const known = inputFieldNames(introspection, namedType(arg.type));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    const name = key === 'q' ? 'search' : key;
    if (value === undefined || value === '' || value === null) continue;
    if (known.has(name)) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function toSort(introspection: Introspection, list: IntrospectionField, sort: Params['sort']) {
  const arg = list.args.find((a) => a.name === 'sort');
  if (!arg || !sort?.field) return undefined;
  const sortInput = introspection.types.find((t) => t.name === namedType(arg.type)) as
    | IntrospectionInputObjectType
    | undefined;
  const fieldRef = sortInput?.inputFields.find((f) => f.name === 'field');
  if (!fieldRef) return undefined;
  const value = sortFieldOf(sort.field);
  if (!enumValues(introspection, namedType(fieldRef.type)).has(value)) return undefined;
  return [{ field: value, direction: sort.order === 'DESC' ? 'DESC' : 'ASC' }];
}

function specOf(resource: string): ResourceSpec {
  const spec = RESOURCES[resource];
  if (!spec) throw new Error(`Unknown resource ${resource}: add it to admin/src/dataProvider/fields.ts.`);
  return spec;
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Only the keys the API's input type declares (react-admin sends the whole record back on update). */
function toInput(introspection: Introspection, field: IntrospectionField, data: Record<string, unknown>) {
  const arg = field.args.find((a) => a.name === 'input');
  if (!arg) return data;
  const known = inputFieldNames(introspection, namedType(arg.type));
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => known.has(k) && v !== undefined));
}

/**
 * `buildQuery(introspectionResults)` for ra-data-graphql. `permissions` answers the signed-in user's permissions at
 * the time of each request (the authProvider's copy, fetched once at sign-in).
 */
export function makeBuildQuery(permissions: () => ReadonlySet<string>) {
  return (introspection: Introspection) =>
    (raFetchMethod: string, resource: string, params: Params): BuiltQuery => {
      const spec = specOf(resource);
      const granted = permissions();
      const listSel = selection(spec.listFields, granted);
      const oneSel = selection(spec.oneFields ?? spec.listFields, granted);

      switch (raFetchMethod) {
        case 'GET_LIST':
        case 'GET_MANY':
        case 'GET_MANY_REFERENCE': {
          const list = operation(introspection, spec.list, false);
          let filter: Record<string, unknown> = { ...(params.filter ?? {}) };
          if (raFetchMethod === 'GET_MANY') filter = { ids: (params.ids ?? []).map(String) };
          if (raFetchMethod === 'GET_MANY_REFERENCE' && params.target) filter[params.target] = params.id;
          const page = params.pagination ?? { page: 1, perPage: MAX_PAGE_SIZE };
          const limit =
            raFetchMethod === 'GET_MANY'
              ? Math.min(Math.max(params.ids?.length ?? 0, 1), MAX_PAGE_SIZE)
              : Math.min(page.perPage, MAX_PAGE_SIZE);
          const variables: Record<string, unknown> = {
            offset: raFetchMethod === 'GET_MANY' ? 0 : (page.page - 1) * page.perPage,
            limit,
          };
          const apiFilter = toFilter(introspection, list, filter);
          if (apiFilter) variables.filter = apiFilter;
          const sort = raFetchMethod === 'GET_MANY' ? undefined : toSort(introspection, list, params.sort);
          if (sort) variables.sort = sort;
          const declared = Object.keys(variables).map((v) => `$${v}: ${argType(list, v)}`);
          const args = Object.keys(variables).map((v) => `${v}: $${v}`);
          const text = `query ${upperFirst(spec.list)}(${declared.join(', ')}) { ${spec.list}(${args.join(', ')}) { items { ${listSel} } totalCount } }`;
          return {
            query: parse(text),
            variables,
            parseResponse: (response) => {
              const result = response.data[spec.list] as { items: unknown[]; totalCount: number };
              return raFetchMethod === 'GET_MANY'
                ? { data: result.items }
                : { data: result.items, total: result.totalCount };
            },
          };
        }
        case 'GET_ONE': {
          const one = operation(introspection, spec.one, false);
          const text = `query ${upperFirst(spec.one)}($id: ${argType(one, 'id')}) { ${spec.one}(id: $id) { ${oneSel} } }`;
          return {
            query: parse(text),
            variables: { id: String(params.id) },
            parseResponse: (response) => ({ data: response.data[spec.one] }),
          };
        }
        case 'CREATE': {
          const name = `create${spec.type}`;
          const field = operation(introspection, name, true);
          const text = `mutation ${upperFirst(name)}($input: ${argType(field, 'input')}) { ${name}(input: $input) { ${oneSel} } }`;
          return {
            query: parse(text),
            variables: { input: toInput(introspection, field, params.data ?? {}) },
            parseResponse: (response) => ({ data: response.data[name] }),
          };
        }
        case 'UPDATE': {
          const name = `update${spec.type}`;
          const field = operation(introspection, name, true);
          const text = `mutation ${upperFirst(name)}($id: ${argType(field, 'id')}, $input: ${argType(field, 'input')}) { ${name}(id: $id, input: $input) { ${oneSel} } }`;
          return {
            query: parse(text),
            variables: { id: String(params.id), input: toInput(introspection, field, params.data ?? {}) },
            parseResponse: (response) => ({ data: response.data[name] }),
          };
        }
        case 'DELETE': {
          const name = `delete${spec.type}`;
          const field = operation(introspection, name, true);
          const text = `mutation ${upperFirst(name)}($id: ${argType(field, 'id')}) { ${name}(id: $id) }`;
          return {
            query: parse(text),
            variables: { id: String(params.id) },
            // The API answers true; react-admin wants the deleted record.
            parseResponse: () => ({ data: params.previousData ?? { id: params.id } }),
          };
        }
        default:
          throw new Error(`${raFetchMethod} is not supported for ${resource}.`);
      }
    };
}

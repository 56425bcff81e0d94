import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, introspectionFromSchema, print } from 'graphql';
import { makeBuildQuery } from '../../admin/src/dataProvider/buildQuery';
import { toWanYuan } from '../../admin/src/format';

// The real introspection of the checked-in schema, shaped as ra-data-graphql hands it to buildQuery.
const schema = introspectionFromSchema(
  buildSchema(readFileSync(resolve(__dirname, '../../schema/schema.graphql'), 'utf8')),
).__schema;
const queries = schema.types
  .filter((t) => t.name === 'Query' || t.name === 'Mutation')
  .flatMap((t) => ('fields' in t ? t.fields : []));
const introspection = { types: schema.types, queries, schema };

const ADMIN = new Set(['ReadReference', 'ManageUsers', 'ReadContactData', 'ReadReviews']);
const ANALYST = new Set(['ReadReference', 'ReadLibrary', 'ReadAggregates']);
const build = (permissions: ReadonlySet<string>) => makeBuildQuery(() => permissions)(introspection);
const oneLine = (q: Parameters<typeof print>[0]) => print(q).replace(/\s+/g, ' ').trim();

describe('the console data provider’s query building', () => {
  it('lists with filter, sort and pagination in the API’s single list shape', () => {
    const q = build(ADMIN)('GET_LIST', 'departments', {
      pagination: { page: 3, perPage: 25 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { q: '民政', kind: 'ADMINISTRATIVE', notAFilter: 1, topLevel: '' },
    });
    expect(q.variables).toEqual({
      offset: 50,
      limit: 25,
      filter: { search: '民政', kind: 'ADMINISTRATIVE' },
      sort: [{ field: 'CREATED_AT', direction: 'DESC' }],
    });
    expect(oneLine(q.query)).toBe(
      'query Departments($offset: Int!, $limit: Int!, $filter: DepartmentFilter, $sort: [DepartmentSort!]) { ' +
        'departments(offset: $offset, limit: $limit, filter: $filter, sort: $sort) { items { id code name kind ' +
        'industryPilot fiscalDivisionCode parent { id code name } managingDivision { id name } createdAt } totalCount } }',
    );
    expect(q.parseResponse({ data: { departments: { items: [{ id: '1' }], totalCount: 7 } } })).toEqual({
      data: [{ id: '1' }],
      total: 7,
    });
  });

  it('drops a sort the API does not offer', () => {
    const q = build(ADMIN)('GET_LIST', 'departments', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(q.variables).toEqual({ offset: 0, limit: 10 });
  });

  it('gets one by id, many by ids, and many by reference', () => {
    const one = build(ADMIN)('GET_ONE', 'departments', { id: 12 });
    expect(one.variables).toEqual({ id: '12' });
    expect(oneLine(one.query)).toMatch(
      /^query Department\(\$id: ID!\) \{ department\(id: \$id\) \{ id code name .* children \{ id code name \} updatedAt \} \}$/,
    );
    expect(one.parseResponse({ data: { department: { id: '12' } } })).toEqual({ data: { id: '12' } });

    const many = build(ADMIN)('GET_MANY', 'departments', { ids: [3, '4'] });
    expect(many.variables).toEqual({ offset: 0, limit: 2, filter: { ids: ['3', '4'] } });
    expect(many.parseResponse({ data: { departments: { items: [{ id: '3' }], totalCount: 1 } } })).toEqual({
      data: [{ id: '3' }],
    });

    const children = build(ADMIN)('GET_MANY_REFERENCE', 'departments', {
      target: 'parentId',
      id: '9',
      pagination: { page: 1, perPage: 5 },
      sort: { field: 'name', order: 'ASC' },
      filter: {},
    });
    expect(children.variables).toEqual({
      offset: 0,
      limit: 5,
      filter: { parentId: '9' },
      sort: [{ field: 'NAME', direction: 'ASC' }],
    });
  });

  it('creates, updates and deletes through create<X>(input), update<X>(id, input) and delete<X>(id)', () => {
    const create = build(ADMIN)('CREATE', 'departments', { data: { code: '999', name: '测试局', children: [] } });
    expect(oneLine(create.query)).toMatch(
      /^mutation CreateDepartment\(\$input: CreateDepartmentInput!\) \{ createDepartment\(input: \$input\) \{ id code name /,
    );
    expect((create.variables.input as Record<string, unknown>).children).toBeUndefined();
    expect(create.variables.input).toMatchObject({ code: '999', name: '测试局' });

    const update = build(ADMIN)('UPDATE', 'departments', {
      id: 5,
      data: { id: '5', code: '105', name: '新名', createdAt: '2021-06-01' },
      previousData: { id: '5' },
    });
    expect(update.variables).toEqual({ id: '5', input: { code: '105', name: '新名' } });
    expect(oneLine(update.query)).toMatch(
      /^mutation UpdateDepartment\(\$id: ID!, \$input: UpdateDepartmentInput!\) \{ updateDepartment\(id: \$id, input: \$input\)/,
    );

    const del = build(ADMIN)('DELETE', 'departments', { id: 5, previousData: { id: '5', name: '新名' } });
    expect(oneLine(del.query)).toBe('mutation DeleteDepartment($id: ID!) { deleteDepartment(id: $id) }');
    expect(del.variables).toEqual({ id: '5' });
    expect(del.parseResponse({ data: { deleteDepartment: true } })).toEqual({ data: { id: '5', name: '新名' } });
  });

  it('leaves out a restricted field for a role without its permission', () => {
    const asAdmin = oneLine(build(ADMIN)('GET_LIST', 'users', { pagination: { page: 1, perPage: 10 } }).query);
    const asAnalyst = oneLine(build(ANALYST)('GET_LIST', 'users', { pagination: { page: 1, perPage: 10 } }).query);
    expect(asAdmin).toContain(' email phone ');
    expect(asAnalyst).not.toMatch(/\bemail\b|\bphone\b/);
    const targets = oneLine(build(ANALYST)('GET_LIST', 'performanceTargets', {}).query);
    expect(targets).not.toMatch(/\bstatus\b|\breviewRound\b|\bsubmittedAt\b/);
  });
});

describe('money in 万元', () => {
  it('converts the API’s yuan to 万元 with thousands separators, exactly', () => {
    expect(toWanYuan('1250000.00')).toBe('125.00');
    expect(toWanYuan('123456789012.34')).toBe('12,345,678.90');
    expect(toWanYuan('9999999999999999.99')).toBe('1,000,000,000,000.00');
    expect(toWanYuan('-50.00')).toBe('-0.01');
    expect(toWanYuan('49.99')).toBe('0.00');
    expect(toWanYuan(null)).toBe('');
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { demoToken } from '../helpers/users';

let api: TestApi;
let asPerformanceAdmin: Client;
beforeAll(async () => {
  api = await startApi();
  // The tour signs in as the demo performance-division administrator first, as the README says.
  asPerformanceAdmin = api.as(await demoToken(api, 'perf-admin'));
});
afterAll(async () => {
  await api.stop();
});

/** The GraphQL examples of the README's tour, so the README cannot drift from the API. */
const examples = [
  ...readFileSync(resolve(__dirname, '../../README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g),
].map((m) => m[1] ?? '');

/** Counts the non-empty lists in a response, to show an example finds demo data. */
function nonEmptyLists(value: unknown): number {
  if (Array.isArray(value)) return (value.length > 0 ? 1 : 0) + value.reduce((n: number, v) => n + nonEmptyLists(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + nonEmptyLists(v), 0);
  return 0;
}

describe('the README tour', () => {
  it('has the three tour queries and the aggregates example', () => {
    expect(examples.filter((q) => q.trim().startsWith('{'))).toHaveLength(4);
  });

  it.each(examples.filter((q) => q.trim().startsWith('{')).map((q, i) => [i + 1, q]))(
    'example %i answers without errors and finds demo data',
    async (_n, query) => {
      const result = await asPerformanceAdmin.gql(query as string);
      expect(result.errors).toBeUndefined();
      expect(nonEmptyLists(result.data)).toBeGreaterThanOrEqual(2);
    },
  );
});

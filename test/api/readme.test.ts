import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
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
  it('has three example queries', () => {
    expect(examples).toHaveLength(3);
  });

  it.each(examples.map((q, i) => [i + 1, q]))(
    'example %i answers without errors and finds demo data',
    async (_n, query) => {
      const result = await api.gql(query as string);
      expect(result.errors).toBeUndefined();
      expect(nonEmptyLists(result.data)).toBeGreaterThanOrEqual(2);
    },
  );
});

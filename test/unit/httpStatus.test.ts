import { negotiatedMediaType } from '../../server/graphql/httpStatus';

describe('negotiatedMediaType', () => {
  test.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
    ['application/json, application/graphql-response+json', 'application/json'],
    ['application/json;q=0.5, application/graphql-response+json', 'application/graphql-response+json'],
    ['*/*', 'application/json'],
    ['application/*', 'application/json'],
    ['application/graphql-response+json, */*;q=0.8', 'application/graphql-response+json'],
    ['*/*, application/graphql-response+json', 'application/graphql-response+json'],
    ['application/json;q=0', null],
    ['text/plain', null],
  ])('Accept %p selects %p', (accept, expected) => {
    expect(negotiatedMediaType(accept)).toBe(expected);
  });
});

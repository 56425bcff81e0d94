import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function decimalScalar(
  name: string,
  description: string,
  pattern: RegExp,
  hint: string,
): GraphQLScalarType<string, string> {
  const check = (value: unknown): string => {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || !pattern.test(text.trim())) {
      throw new GraphQLError(`${name} must be ${hint}, got ${JSON.stringify(value)}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return text.trim();
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => (typeof value === 'number' ? String(value) : String(value)),
    parseValue: check,
    parseLiteral(ast) {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return check(ast.value);
      throw new GraphQLError(`${name} must be ${hint}.`, { extensions: { code: 'BAD_USER_INPUT' } });
    },
  });
}

/**
 * Money in yuan (元) as an exact decimal string with at most two decimals, e.g. "1250000.00". Stored as
 * numeric(18,2); never a floating-point number.
 */
export const Money = decimalScalar(
  'Money',
  'An amount of money in yuan (元), an exact decimal string with at most 2 decimals and 16 integer digits, e.g. "1250000.00". Never a float.',
  /^-?\d{1,16}(\.\d{1,2})?$/,
  'an amount in yuan with at most 16 integer digits and 2 decimals, such as "1250000.00"',
);

/** An exact decimal number as a string (scores, weights, parsed target values). */
export const Decimal = decimalScalar(
  'Decimal',
  'An exact decimal number as a string, e.g. "92.50". Used for scores, weights and parsed target values.',
  /^-?\d{1,16}(\.\d{1,4})?$/,
  'a decimal number with at most 16 integer digits and 4 decimals, such as "92.5"',
);

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    // PostgreSQL text form "2026-11-26 11:11:38.843+00" as the driver hands it over, or ISO 8601.
    const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new GraphQLError(
    `DateTime must be an ISO 8601 date-time such as "2026-03-01T08:00:00Z", got ${JSON.stringify(value)}.`,
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );
}

/** A point in time, serialized as ISO 8601 in UTC (e.g. "2026-03-01T08:00:00.000Z"). */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time as an ISO 8601 string in UTC, e.g. "2026-03-01T08:00:00.000Z".',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: toDate,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return toDate(ast.value);
    throw new GraphQLError('DateTime must be a string.', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

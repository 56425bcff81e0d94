import type { Context } from '../../shared/context';
import { scope } from '../../shared/scope';
import { rows, selectList } from '../../shared/sql';
import { type Indicator, indicatorTable } from '../indicator';
import type { SimilarIndicator } from './admission.types';

/** The least similarity shown: below it a name shares too little to be a likely duplicate. */
export const SIMILARITY_THRESHOLD = 0.3;

/** Normalises a name in SQL: lower case, only digits, Latin letters and CJK ideographs (no spaces, no punctuation). */
const normalised = (sql: string) => `regexp_replace(lower(${sql}), '[^0-9a-z一-鿿]+', '', 'g')`;

/** The distinct character bigrams of a normalised name (a one-character name is its own bigram). */
const bigrams = (rel: string) =>
  `select distinct ${rel}.id, substr(${rel}.n, g, 2) as b
   from ${rel}, generate_series(1, greatest(length(${rel}.n) - 1, 1)) as g where ${rel}.n <> ''`;

/**
 * The published indicators of a fiscal division most like a proposed name (相似指标), best first, computed in
 * PostgreSQL: the Dice overlap of the normalised names' character bigrams (which works for Chinese, where pg_trgm's
 * similarity() sees no word characters under the C locale), or pg_trgm's similarity for Latin text, whichever is
 * higher. Only indicators the caller may see, and not those in `exclude` (the request's own subject).
 */
export async function similarIndicators(
  ctx: Context,
  name: string,
  fiscalDivisionCode: string,
  options: { limit?: number; exclude?: Array<number | null | undefined>; threshold?: number } = {},
): Promise<SimilarIndicator[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 5), 0), 50);
  if (limit === 0) return [];
  const exclude = (options.exclude ?? []).filter((n): n is number => Number.isSafeInteger(n));
  const notExcluded = exclude.length ? `and t.id not in (${exclude.join(', ')})` : '';
  const score = `greatest(s.dice, similarity(lower(t.name), lower(?::text)))`;
  const found = await rows<Indicator & { similarity: number | string }>(
    ctx,
    `with q as (select 0 as id, ${normalised('?::text')} as n),
     qb as (${bigrams('q')}),
     c as (
       select t.id, ${normalised('t.name')} as n from indicator t
       where t.fiscal_division_code = ? and t.status = 'PUBLISHED' and ${scope.indicator(ctx)} ${notExcluded}
     ),
     cb as (${bigrams('c')}),
     s as (
       select cb.id, 2.0 * count(qb.b) / ((select count(*) from qb) + count(*)) as dice
       from cb left join qb on qb.b = cb.b group by cb.id
     )
     select ${selectList(indicatorTable)}, round(${score}::numeric, 4)::float8 as "similarity"
     from s join indicator t on t.id = s.id
     where ${score} >= ?
     order by "similarity" desc, t.code, t.id
     limit ${limit}`,
    [name, fiscalDivisionCode, name, name, options.threshold ?? SIMILARITY_THRESHOLD],
  );
  return found.map(({ similarity, ...indicator }) => ({
    indicator: indicator as Indicator,
    similarity: Number(similarity),
  }));
}

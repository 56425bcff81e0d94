import type { EntityManager } from '@mikro-orm/postgresql';

/** A row to insert: column name → value (string, number, boolean, null; jsonb values already stringified). */
export type Row = Record<string, string | number | boolean | null>;

const ROWS_PER_STATEMENT = 500;
const MAX_PARAMS = 30000;

/**
 * Inserts rows with multi-row INSERT statements (`?` placeholders), at most 500 rows and 30,000 parameters each.
 * Every row of one call must have the same columns.
 */
export async function insertRows(tx: EntityManager, table: string, rows: readonly Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        if (!(column in row)) throw new Error(`${table}: a row lacks the column ${column}`);
        params.push(row[column]);
      }
    }
    await tx.execute(head + chunk.map(() => tuple).join(', '), params, 'run');
  }
}

/** After inserting explicit ids: moves each table's id sequence past the largest id. */
export async function resetSequences(tx: EntityManager, tables: readonly string[]): Promise<void> {
  const calls = tables.map(
    (t) => `setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from "${t}"), 1))`,
  );
  await tx.execute(`select ${calls.join(', ')}`, [], 'run');
}

/** Hands out explicit ids for one table, starting at 1. */
export class IdSequence {
  private last = 0;

  next(): number {
    this.last += 1;
    return this.last;
  }
}

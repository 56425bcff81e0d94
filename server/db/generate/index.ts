import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext, Table } from '../seeders/context';
import { buildCity, buildLibraryTemplate, type CitySize, citySeed } from './city';
import { CITY_TABLES, CityRows, type CityTable, insertCity, type SharedIds } from './rows';

/**
 * Generates realistic data at scale (`npm run generate -- --scale city|province|nation`): new city-level fiscal
 * divisions, each with its departments, indicator library, projects, budgets, targets, rows, reviews, ex-ante
 * assessments and admission queue. One city is built in memory and inserted in its own transaction at a time, so
 * memory stays flat whatever the number of cities.
 */
export const SCALES = {
  tiny: { cities: 1, size: { departments: 12, projects: 60, inFlight: 0.15 } },
  city: { cities: 1, size: { departments: 90, projects: 3000, inFlight: 0.15 } },
  province: { cities: 20, size: { departments: 90, projects: 3000, inFlight: 0.15 } },
  nation: { cities: 300, size: { departments: 90, projects: 3000, inFlight: 0.15 } },
} as const satisfies Record<string, { cities: number; size: CitySize }>;
export type ScaleName = keyof typeof SCALES;

export const DEFAULT_SEED = 20230101;
/** Generated cities live under this (invented) province: codes 99NNN0000. */
export const GENERATED_PROVINCE = '990000000';
const MAX_CITIES = 999;

export function isScale(name: string | undefined): name is ScaleName {
  return name !== undefined && Object.hasOwn(SCALES, name);
}

export interface GenerateOptions {
  scale: ScaleName;
  /** Overrides the scale's number of cities. */
  cities?: number;
  seed?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  done: number;
  total: number;
  rows: number;
  elapsedMs: number;
  heapUsed: number;
  city: { code: string; name: string };
}

export interface GeneratedCity {
  code: string;
  name: string;
  rows: Record<CityTable, number>;
}

export interface GenerateResult {
  scale: ScaleName;
  seed: number;
  cities: GeneratedCity[];
  /** Rows written per table, over all cities. */
  rows: Record<CityTable, number>;
  totalRows: number;
  ms: number;
  /** The largest heapUsed seen (after building each city, and after inserting it). */
  peakHeap: number;
  heapUsed: number;
}

const FIRST = '东西南北临平安长永青云清新宁泰';
const SECOND = '江州阳山川城源原河丰兴林德华海泉峰溪陵台';

/** An invented city name for the n-th city of a run (1-based). */
export function cityName(n: number): string {
  const i = n - 1;
  const name = `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
  const lap = Math.floor(i / (FIRST.length * SECOND.length));
  return `${name}${lap > 0 ? lap + 1 : ''}市`;
}

export async function generate(em: EntityManager, options: GenerateOptions): Promise<GenerateResult> {
  const scale = SCALES[options.scale];
  if (!scale) throw new Error(`unknown scale "${options.scale}": use one of ${Object.keys(SCALES).join(', ')}`);
  const total = options.cities ?? scale.cities;
  if (!Number.isInteger(total) || total < 1) throw new Error(`--cities must be a positive integer, not ${total}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const started = Date.now();
  const lib = buildLibraryTemplate();
  const shared = await ensureReference(em, lib);
  const codes = await freeCodes(em, total);

  const totals = Object.fromEntries(CITY_TABLES.map((t) => [t, 0])) as Record<CityTable, number>;
  const cities: GeneratedCity[] = [];
  let totalRows = 0;
  let peakHeap = process.memoryUsage().heapUsed;
  for (let i = 0; i < total; i++) {
    const number = i + 1;
    const city = { code: codes[i]!, name: cityName(number) };
    const rows = new CityRows();
    buildCity(
      lib,
      { ...city, number, parentCode: GENERATED_PROVINCE, seed: citySeed(seed, number), size: scale.size },
      rows,
    );
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const written = await em.transactional(async (tx) => {
      const now = new Date().toISOString();
      await tx.execute(
        `insert into fiscal_division (code, name, level, parent_code, created_at, updated_at) values (?, ?, 'CITY', ?, ?, ?)`,
        [city.code, city.name, GENERATED_PROVINCE, now, now],
        'run',
      );
      return insertCity(tx, rows, shared);
    });
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    for (const t of CITY_TABLES) {
      totals[t] += written[t];
      totalRows += written[t];
    }
    cities.push({ ...city, rows: written });
    options.onProgress?.({
      done: number,
      total,
      rows: totalRows,
      elapsedMs: Date.now() - started,
      heapUsed: process.memoryUsage().heapUsed,
      city,
    });
  }
  return {
    scale: options.scale,
    seed,
    cities,
    rows: totals,
    totalRows,
    ms: Date.now() - started,
    peakHeap,
    heapUsed: process.memoryUsage().heapUsed,
  };
}

/** `n` unused city codes 99NNN0000, lowest first. */
async function freeCodes(em: EntityManager, n: number): Promise<string[]> {
  const rows = await em.execute<Array<{ code: string }>>(`select code from fiscal_division where code like '99%'`);
  const taken = new Set(rows.map((r) => r.code));
  const out: string[] = [];
  for (let k = 1; k <= MAX_CITIES && out.length < n; k++) {
    const code = `99${String(k).padStart(3, '0')}0000`;
    if (!taken.has(code)) out.push(code);
  }
  if (out.length < n) throw new Error(`only ${out.length} free fiscal division codes left under ${GENERATED_PROVINCE}`);
  return out;
}

/**
 * The shared reference data the cities need, created when missing (a fresh database): function classes, the
 * indicator frameworks and their nodes, and the generated cities' province. Returns the template's local framework
 * and node ids mapped to the database's.
 */
async function ensureReference(em: EntityManager, lib: DemoContext): Promise<SharedIds> {
  return em.transactional(async (tx) => {
    const now = new Date().toISOString();
    await tx.execute(
      `insert into fiscal_division (code, name, level, parent_code, created_at, updated_at)
       values (?, '示例省（生成数据）', 'PROVINCE', null, ?, ?) on conflict (code) do nothing`,
      [GENERATED_PROVINCE, now, now],
      'run',
    );
    const classes = lib.rows.function_class;
    await tx.execute(
      `insert into function_class (code, name, parent_code, level) values ${classes.map(() => '(?, ?, ?, ?)').join(', ')}
       on conflict (code) do nothing`,
      classes.flatMap((c) => [c.code, c.name, c.parent_code, c.level]),
      'run',
    );
    const frameworks = new Map<number, number>();
    for (const f of lib.rows.indicator_framework) {
      await tx.execute(
        `insert into indicator_framework (code, name, kind, from_year, is_default, description)
         values (?, ?, ?, ?, ?, ?) on conflict (code) do nothing`,
        [f.code, f.name, f.kind, f.from_year, f.is_default, f.description],
        'run',
      );
      const [row] = await tx.execute<Array<{ id: number }>>(`select id from indicator_framework where code = ?`, [
        f.code,
      ]);
      frameworks.set(f.id as number, Number(row!.id));
    }
    const nodes = new Map<number, number>();
    const ordered = [...lib.rows.indicator_framework_node].sort((a, b) => (a.level as number) - (b.level as number));
    for (const n of ordered) {
      const frameworkId = frameworks.get(n.framework_id as number)!;
      const parentId = n.parent_id === null ? null : nodes.get(n.parent_id as number)!;
      await tx.execute(
        `insert into indicator_framework_node (framework_id, parent_id, level, code, name, sort_order)
         values (?, ?, ?, ?, ?, ?) on conflict (framework_id, code) do nothing`,
        [frameworkId, parentId, n.level, n.code, n.name, n.sort_order],
        'run',
      );
      const [row] = await tx.execute<Array<{ id: number }>>(
        `select id from indicator_framework_node where framework_id = ? and code = ?`,
        [frameworkId, n.code],
      );
      nodes.set(n.id as number, Number(row!.id));
    }
    const shared: Partial<Record<Table, ReadonlyMap<number, number>>> = {
      indicator_framework: frameworks,
      indicator_framework_node: nodes,
    };
    return shared;
  });
}

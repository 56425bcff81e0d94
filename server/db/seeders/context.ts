import type { DepartmentSpec, PilotKey } from './data/departments';
import type { DivisionKey } from './data/reference';
import { Rng } from './rng';
import { IdSequence, type Row } from './sql';

/** The tables the demo data fills, in insertion (foreign-key) order. */
export const TABLES = [
  'fiscal_division',
  'function_class',
  'finance_division',
  'department',
  'indicator_framework',
  'indicator_framework_node',
  'indicator_category',
  'indicator',
  'indicator_change_request',
  'indicator_change_approval',
  'project',
  'project_budget',
  'ex_ante_assessment',
  'performance_target',
  'target_indicator',
  'target_review',
] as const;
export type Table = (typeof TABLES)[number];

/** Tables with a serial id (their sequences are moved past the explicit ids afterwards). */
export const SERIAL_TABLES: readonly Table[] = TABLES.filter((t) => t !== 'fiscal_division' && t !== 'function_class');

export interface DepartmentInfo {
  id: number;
  spec: DepartmentSpec;
  divisionId: number;
  pilot?: PilotKey;
}

export interface FrameworkInfo {
  id: number;
  /** Node code → node id. */
  nodes: Map<string, number>;
  /** Level-1 node ids, in order. */
  level1: number[];
}

export interface IndicatorInfo {
  id: number;
  code: string;
  name: string;
  scope: 'COMMON' | 'INDUSTRY' | 'DEPARTMENT';
  /** Dimension key (Y2021_KEYS or DEPT_KEYS). */
  dim: string;
  categoryId: number;
  level1Id: number;
  level2Id: number;
  comparator: string;
  unit: string | null;
  reference: string | null;
  status: 'PUBLISHED' | 'SUPERSEDED' | 'RETIRED';
  enabled: boolean;
  ownerDepartmentId: number | null;
  /** Published after the 2022 targets were written (a newer version): not selectable for them. */
  publishedLate: boolean;
}

export type TargetStatusCode =
  | 'DRAFT'
  | 'DEPARTMENT_REVIEW'
  | 'INITIAL_REVIEW'
  | 'RECHECK'
  | 'JOINT_REVIEW'
  | 'READY_FOR_BUDGET'
  | 'BLOCKED'
  | 'APPROVED';
export type GradeCode = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';
export type DecisionCode = 'FULL' | 'REDUCED' | 'MERGED' | 'DEFERRED' | 'CANCELLED';
export type ExAntePlan = 'SUPPORT' | 'SUPPORT_AFTER_REVISION' | 'NOT_SUPPORT' | 'MISSING' | 'SELF_ONLY';

export interface ProjectInfo {
  id: number;
  code: string;
  name: string;
  dept: DepartmentInfo;
  budgetType: string;
  fc: string;
  category: string;
  attribute: 'NEW' | 'CONTINUING';
  startYear: number;
  termYears: number;
  majorPolicy: boolean;
  specialFund: boolean;
  transfer: boolean;
  parentId: number | null;
  /** Requested for 2022, in yuan. */
  requested: number;
  /** Library categories the rows come from, most specific first. */
  categoryIds: number[];
  namedRows?: ReadonlyArray<readonly [string, string]>;
  fixed?: { grade: GradeCode; decision: DecisionCode };
  regions?: ReadonlyArray<readonly [string, number]>;
  /** Filled by the target plan. */
  phase: string;
  createdAt: number;
  updatedAt: number;
}

export interface TargetInfo {
  id: number;
  kind: 'PROJECT' | 'DEPARTMENT' | 'TRANSFER_REGIONAL';
  dept: DepartmentInfo;
  project?: ProjectInfo;
  parent?: TargetInfo;
  regionCode?: string;
  funds: number;
  status: TargetStatusCode;
  grade: GradeCode | null;
  /** For each RETURN, the stage it happened at (the target's review_round is its length). */
  returns: Array<'DEPARTMENT' | 'INITIAL' | 'RECHECK' | 'JOINT'>;
  exAnte: ExAntePlan | null;
  decision: DecisionCode | null;
  decisionReason: string | null;
  mergedIntoId: number | null;
  submitToCongress: boolean;
  createdAt: number;
  submittedAt: number | null;
  approvedAt: number | null;
  updatedAt: number;
  /** Row ids of this target (for per-row review feedback). */
  rowIds: number[];
  /** The review events, in time order (see reviews.ts). */
  events: ReviewEvent[];
}

export type ReviewStageCode = 'DEPARTMENT' | 'INITIAL_EXPENDITURE' | 'INITIAL_EVALUATION' | 'RECHECK' | 'JOINT';

export interface ReviewEvent {
  stage: ReviewStageCode;
  decision: 'PASS' | 'RETURN' | 'REJECT';
  at: number;
  round: number;
  grade?: GradeCode;
}

/** Everything the generators share: the PRNG, id sequences, the rows to insert and lookups. */
export class DemoContext {
  readonly rng = new Rng(20220412);
  readonly rows = Object.fromEntries(TABLES.map((t) => [t, [] as Row[]])) as Record<Table, Row[]>;
  private readonly sequences = new Map<Table, IdSequence>();

  readonly divisionIds = new Map<DivisionKey, number>();
  readonly divisionNames = new Map<number, string>();
  readonly departments: DepartmentInfo[] = [];
  readonly departmentsByCode = new Map<string, DepartmentInfo>();
  readonly frameworks = new Map<string, FrameworkInfo>();
  /** Category code (COMMON: '01'; INDUSTRY: '0101'; DEPARTMENT: '30101') → id. */
  readonly categoryIds = new Map<string, number>();
  /** Category id → child category ids. */
  readonly categoryChildren = new Map<number, number[]>();
  readonly indicators: IndicatorInfo[] = [];
  readonly indicatorsByCategory = new Map<number, IndicatorInfo[]>();
  readonly projects: ProjectInfo[] = [];
  readonly targets: TargetInfo[] = [];

  nextId(table: Table): number {
    let seq = this.sequences.get(table);
    if (!seq) {
      seq = new IdSequence();
      this.sequences.set(table, seq);
    }
    return seq.next();
  }

  add(table: Table, row: Row): void {
    this.rows[table].push(row);
  }

  department(code: string): DepartmentInfo {
    const d = this.departmentsByCode.get(code);
    if (!d) throw new Error(`unknown department ${code}`);
    return d;
  }

  division(key: DivisionKey): number {
    const id = this.divisionIds.get(key);
    if (id === undefined) throw new Error(`unknown finance division ${key}`);
    return id;
  }

  category(code: string): number {
    const id = this.categoryIds.get(code);
    if (id === undefined) throw new Error(`unknown indicator category ${code}`);
    return id;
  }

  indicatorByName(categoryCode: string, name: string): IndicatorInfo {
    const list = this.indicatorsByCategory.get(this.category(categoryCode)) ?? [];
    const found = list.find((i) => i.name === name && i.status !== 'SUPERSEDED');
    if (!found) throw new Error(`no indicator ${name} in category ${categoryCode}`);
    return found;
  }
}

/** Milliseconds of a Beijing-time date: at(2021, 9, 1, 10) is 1 Sep 2021, 10:00 (+08:00). */
export function at(year: number, month: number, day: number, hour = 9, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour - 8, minute);
}

export const DAY = 86_400_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Moves a time to working hours (09:00–17:59 Beijing) on the same day, keeping it deterministic. */
export function workingTime(ms: number, rng: Rng): number {
  const d = new Date(ms + 8 * 3_600_000);
  return at(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), rng.int(9, 17), rng.int(0, 59));
}

/** Money in yuan as numeric(18,2) text. */
export function money(yuan: number): string {
  return (Math.round(yuan * 100) / 100).toFixed(2);
}

/** Rounds yuan to a whole hundred. */
export function roundYuan(yuan: number): number {
  return Math.round(yuan / 100) * 100;
}

/**
 * Splits a total score into `parts` scores of at most `max` each, in half points, as numeric(5,2) text.
 * The total must be a multiple of 0.5 between 0 and parts × max.
 */
export function splitScore(rng: Rng, total: number, parts = 5, max = 20): string[] {
  let deficit = Math.round((parts * max - total) * 2);
  const deficits = new Array<number>(parts).fill(0);
  const cap = max * 2;
  while (deficit > 0) {
    const i = rng.int(0, parts - 1);
    if (deficits[i]! >= cap) continue;
    deficits[i]! += 1;
    deficit -= 1;
  }
  return deficits.map((d) => (max - d / 2).toFixed(2));
}

import { at, type DemoContext, iso } from './context';
import { CHILD_UNITS, DEPARTMENTS } from './data/departments';
import { FRAMEWORKS } from './data/frameworks';
import { CITY, FINANCE_DIVISIONS, FISCAL_DIVISIONS, FUNCTION_CLASSES, PROVINCE } from './data/reference';

const CREATED = iso(at(2021, 6, 1, 9));

/** Fiscal divisions, function classes, the bureau's divisions, departments and the indicator frameworks. */
export function buildReference(ctx: DemoContext): void {
  ctx.add('fiscal_division', fiscal(PROVINCE, '河南省', 'PROVINCE', null));
  ctx.add('fiscal_division', fiscal(CITY, '郑州市本级', 'CITY', PROVINCE));
  for (const [code, name] of FISCAL_DIVISIONS) ctx.add('fiscal_division', fiscal(code, name, 'DISTRICT', CITY));

  for (const [code, name] of FUNCTION_CLASSES) {
    ctx.add('function_class', {
      code,
      name,
      parent_code: code.length > 3 ? code.slice(0, 3) : null,
      level: code.length > 3 ? 2 : 1,
    });
  }

  FINANCE_DIVISIONS.forEach((d) => {
    const id = ctx.nextId('finance_division');
    ctx.divisionIds.set(d.key, id);
    ctx.divisionNames.set(id, d.name);
    ctx.add('finance_division', {
      id,
      fiscal_division_code: CITY,
      code: d.key,
      name: d.name,
      kind: d.kind,
      created_at: CREATED,
      updated_at: CREATED,
    });
  });

  buildDepartments(ctx);
  buildFrameworks(ctx);
}

function fiscal(code: string, name: string, level: string, parent: string | null) {
  return { code, name, level, parent_code: parent, created_at: CREATED, updated_at: CREATED };
}

function buildDepartments(ctx: DemoContext): void {
  const children: Array<{ parentId: number; divisionId: number; code: string; name: string; kind: string }> = [];
  for (const spec of DEPARTMENTS) {
    const id = ctx.nextId('department');
    const divisionId = ctx.division(spec.division);
    const info = { id, spec, divisionId, pilot: spec.pilot };
    ctx.departments.push(info);
    ctx.departmentsByCode.set(spec.code, info);
    ctx.add('department', {
      id,
      fiscal_division_code: CITY,
      code: spec.code,
      name: spec.name,
      kind: spec.kind,
      parent_id: null,
      managing_division_id: divisionId,
      industry_pilot: spec.pilot !== undefined,
      created_at: CREATED,
      updated_at: CREATED,
    });
    (CHILD_UNITS[spec.code] ?? []).forEach(([name, kind], i) => {
      const code = `${spec.code}${String(i + 1).padStart(3, '0')}`;
      children.push({ parentId: id, divisionId, code, name, kind: kind === 'I' ? 'INSTITUTION' : 'ADMINISTRATIVE' });
    });
  }
  for (const c of children) {
    ctx.add('department', {
      id: ctx.nextId('department'),
      fiscal_division_code: CITY,
      code: c.code,
      name: c.name,
      kind: c.kind,
      parent_id: c.parentId,
      managing_division_id: c.divisionId,
      industry_pilot: false,
      created_at: CREATED,
      updated_at: CREATED,
    });
  }
}

function buildFrameworks(ctx: DemoContext): void {
  for (const f of FRAMEWORKS) {
    const id = ctx.nextId('indicator_framework');
    ctx.add('indicator_framework', {
      id,
      code: f.code,
      name: f.name,
      kind: f.kind,
      from_year: f.fromYear,
      is_default: f.isDefault,
      description: f.description,
    });
    const info = { id, nodes: new Map<string, number>(), level1: [] as number[] };
    ctx.frameworks.set(f.code, info);
    f.nodes.forEach(([code, name, children], i) => {
      const nodeId = ctx.nextId('indicator_framework_node');
      info.nodes.set(code, nodeId);
      info.level1.push(nodeId);
      ctx.add('indicator_framework_node', node(nodeId, id, null, 1, code, name, i + 1));
      children.forEach(([childCode, childName], j) => {
        const childId = ctx.nextId('indicator_framework_node');
        info.nodes.set(childCode, childId);
        ctx.add('indicator_framework_node', node(childId, id, nodeId, 2, childCode, childName, j + 1));
      });
    });
  }
}

function node(
  id: number,
  frameworkId: number,
  parentId: number | null,
  level: number,
  code: string,
  name: string,
  sort: number,
) {
  return { id, framework_id: frameworkId, parent_id: parentId, level, code, name, sort_order: sort };
}

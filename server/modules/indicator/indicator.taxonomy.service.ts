import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { fresh } from '../../shared/loaders';
import { rows } from '../../shared/sql';
import {
  applyPatch,
  assertAbsent,
  assertUnreferenced,
  loadOr404,
  type ReferenceCheck,
  reference,
  toId,
} from '../../shared/writes';
import { auditService } from '../audit';
import { IndicatorCategoryEntity, IndicatorFrameworkEntity, IndicatorFrameworkNodeEntity } from './indicator.entity';
import { IndicatorScope } from './indicator.enums';
import type {
  CreateIndicatorCategoryInput,
  CreateIndicatorFrameworkInput,
  CreateIndicatorFrameworkNodeInput,
  UpdateIndicatorCategoryInput,
  UpdateIndicatorFrameworkInput,
  UpdateIndicatorFrameworkNodeInput,
} from './indicator.inputs';
import { indicatorCategoryTable, indicatorFrameworkNodeTable, indicatorFrameworkTable } from './indicator.reads';
import { assertOwnDivision, bad, ownDivision, ownerIn } from './indicator.rules';
import type { IndicatorCategory, IndicatorFramework, IndicatorFrameworkNode } from './indicator.types';

const FRAMEWORK_REFERENCES: readonly ReferenceCheck[] = [
  { label: 'framework dimensions', table: 'indicator_framework_node', column: 'framework_id' },
  { label: 'performance targets', table: 'performance_target', column: 'framework_id' },
];

const NODE_REFERENCES: readonly ReferenceCheck[] = [
  { label: 'level-2 dimensions', table: 'indicator_framework_node', column: 'parent_id' },
  { label: 'indicators (level 1)', table: 'indicator', column: 'level1node_id' },
  { label: 'indicators (level 2)', table: 'indicator', column: 'level2node_id' },
];

const CATEGORY_REFERENCES: readonly ReferenceCheck[] = [
  { label: 'sub-categories', table: 'indicator_category', column: 'parent_id' },
  { label: 'indicators', table: 'indicator', column: 'category_id' },
];

type Snapshot = Record<string, unknown>;

const frameworkFields = (f: IndicatorFrameworkEntity): Snapshot => ({
  code: f.code,
  name: f.name,
  kind: f.kind,
  fromYear: f.fromYear ?? null,
  isDefault: f.isDefault,
  description: f.description ?? null,
});

const nodeFields = (n: IndicatorFrameworkNodeEntity): Snapshot => ({
  frameworkId: n.framework.id,
  parentId: n.parent?.id ?? null,
  level: n.level,
  code: n.code,
  name: n.name,
  sortOrder: n.sortOrder,
});

const categoryFields = (c: IndicatorCategoryEntity): Snapshot => ({
  fiscalDivisionCode: c.fiscalDivision.code,
  scope: c.scope,
  code: c.code,
  name: c.name,
  parentId: c.parent?.id ?? null,
  ownerDepartmentId: c.ownerDepartment?.id ?? null,
  sortOrder: c.sortOrder,
});

/**
 * Records a create, update or delete in the audit trail, in the transaction of the change. Frameworks and their
 * dimensions are shared by all divisions; their changes are recorded under the acting user's division.
 */
export function auditLibrary(
  ctx: Context,
  em: EntityManager,
  subject: { type: string; id: number; fiscalDivisionCode?: string; departmentId?: number | null },
  action: 'create' | 'update' | 'delete',
  before: Snapshot | null,
  after: Snapshot | null,
): void {
  auditService.record(ctx, em, {
    fiscalDivisionCode: subject.fiscalDivisionCode ?? ctx.viewer?.fiscalDivisionCode ?? '',
    subjectType: subject.type,
    subjectId: subject.id,
    departmentId: subject.departmentId ?? null,
    action,
    before,
    after,
  });
}

const frameworkSubject = (f: IndicatorFrameworkEntity) => ({ type: 'IndicatorFramework', id: f.id });
const nodeSubject = (n: IndicatorFrameworkNodeEntity) => ({ type: 'IndicatorFrameworkNode', id: n.id });
const categorySubject = (c: IndicatorCategoryEntity) => ({
  type: 'IndicatorCategory',
  id: c.id,
  fiscalDivisionCode: c.fiscalDivision.code,
  departmentId: c.ownerDepartment?.id ?? null,
});

/** Only one framework of a kind is the default for new targets. */
async function clearOtherDefaults(em: EntityManager, framework: IndicatorFrameworkEntity): Promise<void> {
  const others = await em.find(IndicatorFrameworkEntity, { kind: framework.kind, isDefault: true });
  for (const other of others) if (other !== framework) other.isDefault = false;
}

async function parentCategory(
  em: EntityManager,
  id: string,
  self: IndicatorCategoryEntity | undefined,
  scope: IndicatorScope,
  fiscalDivisionCode: string,
): Promise<IndicatorCategoryEntity> {
  const parent = await reference(em, IndicatorCategoryEntity, 'parentId', id);
  if (parent.scope !== scope || parent.fiscalDivision.code !== fiscalDivisionCode) {
    throw bad(
      `The parent category ${parent.code} ${parent.name} is a ${parent.scope} category of ${parent.fiscalDivision.code}; a ${scope} category of ${fiscalDivisionCode} needs a parent of the same scope and fiscal division.`,
      'parentId',
    );
  }
  if (self) {
    // Walking up from the new parent must not reach the category itself.
    const [cycle] = await rows<{ n: string }>(
      { em },
      `with recursive up(id, parent_id) as (
         select id, parent_id from indicator_category where id = ?
         union
         select c.id, c.parent_id from indicator_category c join up on c.id = up.parent_id
       ) select count(*) as n from up where id = ?`,
      [parent.id, self.id],
    );
    if (Number(cycle?.n ?? 0) > 0) {
      throw bad(
        `${parent.name} is ${self.name} itself or one of its sub-categories; a category cannot be moved under itself.`,
        'parentId',
      );
    }
  }
  return parent;
}

/** The library's structure: frameworks and their dimensions (指标体系), and the category trees (指标分类). */
export const indicatorTaxonomyService = {
  async createFramework(ctx: Context, input: CreateIndicatorFrameworkInput): Promise<IndicatorFramework> {
    const id = await ctx.em.transactional(async (em) => {
      await assertAbsent(em.count(IndicatorFrameworkEntity, { code: input.code }), `Indicator framework ${input.code}`);
      const framework = em.create(IndicatorFrameworkEntity, {
        code: input.code,
        name: input.name,
        kind: input.kind,
        fromYear: input.fromYear ?? undefined,
        isDefault: input.isDefault ?? false,
        description: input.description ?? undefined,
      });
      if (framework.isDefault) await clearOtherDefaults(em, framework);
      await em.flush();
      auditLibrary(ctx, em, frameworkSubject(framework), 'create', null, frameworkFields(framework));
      return framework.id;
    });
    return fresh(ctx, indicatorFrameworkTable, 'id', id);
  },

  async updateFramework(ctx: Context, id: string, input: UpdateIndicatorFrameworkInput): Promise<IndicatorFramework> {
    await ctx.em.transactional(async (em) => {
      const framework = await loadOr404(em, IndicatorFrameworkEntity, 'IndicatorFramework', id);
      if (input.code && input.code !== framework.code) {
        await assertAbsent(
          em.count(IndicatorFrameworkEntity, { code: input.code }),
          `Indicator framework ${input.code}`,
        );
      }
      const before = frameworkFields(framework);
      applyPatch(framework, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        kind: input.kind ?? undefined,
        isDefault: input.isDefault ?? undefined,
        fromYear: input.fromYear,
        description: input.description,
      });
      if (framework.isDefault && (input.isDefault || input.kind)) await clearOtherDefaults(em, framework);
      auditLibrary(ctx, em, frameworkSubject(framework), 'update', before, frameworkFields(framework));
    });
    return fresh(ctx, indicatorFrameworkTable, 'id', toId(id));
  },

  async deleteFramework(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const framework = await loadOr404(em, IndicatorFrameworkEntity, 'IndicatorFramework', id);
      await assertUnreferenced(em, `Indicator framework ${framework.code}`, framework.id, FRAMEWORK_REFERENCES);
      auditLibrary(ctx, em, frameworkSubject(framework), 'delete', frameworkFields(framework), null);
      em.remove(framework);
    });
    return true;
  },

  async createFrameworkNode(ctx: Context, input: CreateIndicatorFrameworkNodeInput): Promise<IndicatorFrameworkNode> {
    const id = await ctx.em.transactional(async (em) => {
      const framework = await reference(em, IndicatorFrameworkEntity, 'frameworkId', input.frameworkId);
      const parent = input.parentId
        ? await reference(em, IndicatorFrameworkNodeEntity, 'parentId', input.parentId)
        : undefined;
      if (parent && parent.framework.id !== framework.id) {
        throw bad(
          `The parent dimension ${parent.name} belongs to another framework; choose one of ${framework.code}.`,
          'parentId',
        );
      }
      if (parent && parent.level !== 1) {
        throw bad(
          `${parent.name} is already a level-2 dimension; frameworks have two levels, so choose a level-1 parent.`,
          'parentId',
        );
      }
      await assertAbsent(
        em.count(IndicatorFrameworkNodeEntity, { framework, code: input.code }),
        `Dimension ${input.code} in framework ${framework.code}`,
      );
      const node = em.create(IndicatorFrameworkNodeEntity, {
        framework,
        parent,
        level: parent ? 2 : 1,
        code: input.code,
        name: input.name,
        sortOrder: input.sortOrder ?? 0,
      });
      await em.flush();
      auditLibrary(ctx, em, nodeSubject(node), 'create', null, nodeFields(node));
      return node.id;
    });
    return fresh(ctx, indicatorFrameworkNodeTable, 'id', id);
  },

  async updateFrameworkNode(
    ctx: Context,
    id: string,
    input: UpdateIndicatorFrameworkNodeInput,
  ): Promise<IndicatorFrameworkNode> {
    await ctx.em.transactional(async (em) => {
      const node = await loadOr404(em, IndicatorFrameworkNodeEntity, 'IndicatorFrameworkNode', id);
      if (input.code && input.code !== node.code) {
        await assertAbsent(
          em.count(IndicatorFrameworkNodeEntity, { framework: node.framework, code: input.code }),
          `Dimension ${input.code} in this framework`,
        );
      }
      const before = nodeFields(node);
      applyPatch(node, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        sortOrder: input.sortOrder ?? undefined,
      });
      auditLibrary(ctx, em, nodeSubject(node), 'update', before, nodeFields(node));
    });
    return fresh(ctx, indicatorFrameworkNodeTable, 'id', toId(id));
  },

  async deleteFrameworkNode(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const node = await loadOr404(em, IndicatorFrameworkNodeEntity, 'IndicatorFrameworkNode', id);
      await assertUnreferenced(em, `Dimension ${node.code} ${node.name}`, node.id, NODE_REFERENCES);
      auditLibrary(ctx, em, nodeSubject(node), 'delete', nodeFields(node), null);
      em.remove(node);
    });
    return true;
  },

  async createCategory(ctx: Context, input: CreateIndicatorCategoryInput): Promise<IndicatorCategory> {
    const id = await ctx.em.transactional(async (em) => {
      const fiscalDivision = await ownDivision(ctx, em, input.fiscalDivisionCode);
      if (input.scope === IndicatorScope.DEPARTMENT && !input.ownerDepartmentId) {
        throw bad(
          'A DEPARTMENT-scope category (部门个性) needs its owning department: give ownerDepartmentId.',
          'ownerDepartmentId',
        );
      }
      await assertAbsent(
        em.count(IndicatorCategoryEntity, { fiscalDivision, scope: input.scope, code: input.code }),
        `${input.scope} category ${input.code} in ${fiscalDivision.code}`,
      );
      const parent = input.parentId
        ? await parentCategory(em, input.parentId, undefined, input.scope, fiscalDivision.code)
        : undefined;
      const ownerDepartment = input.ownerDepartmentId
        ? await ownerIn(em, input.ownerDepartmentId, fiscalDivision.code)
        : undefined;
      const category = em.create(IndicatorCategoryEntity, {
        fiscalDivision,
        scope: input.scope,
        code: input.code,
        name: input.name,
        parent,
        ownerDepartment,
        sortOrder: input.sortOrder ?? 0,
      });
      await em.flush();
      auditLibrary(ctx, em, categorySubject(category), 'create', null, categoryFields(category));
      return category.id;
    });
    return fresh(ctx, indicatorCategoryTable, 'id', id);
  },

  async updateCategory(ctx: Context, id: string, input: UpdateIndicatorCategoryInput): Promise<IndicatorCategory> {
    await ctx.em.transactional(async (em) => {
      const category = await loadOr404(em, IndicatorCategoryEntity, 'IndicatorCategory', id);
      assertOwnDivision(ctx, category, 'IndicatorCategory', id);
      const divisionCode = category.fiscalDivision.code;
      if (input.code && input.code !== category.code) {
        await assertAbsent(
          em.count(IndicatorCategoryEntity, {
            fiscalDivision: category.fiscalDivision,
            scope: category.scope,
            code: input.code,
          }),
          `${category.scope} category ${input.code} in ${divisionCode}`,
        );
      }
      const before = categoryFields(category);
      applyPatch(category, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        sortOrder: input.sortOrder ?? undefined,
      });
      if (input.parentId === null) category.parent = undefined;
      else if (input.parentId !== undefined) {
        category.parent = await parentCategory(em, input.parentId, category, category.scope, divisionCode);
      }
      if (input.ownerDepartmentId === null) {
        if (category.scope === IndicatorScope.DEPARTMENT) {
          throw bad(
            'A DEPARTMENT-scope category must keep an owning department; give another one instead of null.',
            'ownerDepartmentId',
          );
        }
        category.ownerDepartment = undefined;
      } else if (input.ownerDepartmentId !== undefined) {
        category.ownerDepartment = await ownerIn(em, input.ownerDepartmentId, divisionCode);
      }
      auditLibrary(ctx, em, categorySubject(category), 'update', before, categoryFields(category));
    });
    return fresh(ctx, indicatorCategoryTable, 'id', toId(id));
  },

  async deleteCategory(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const category = await loadOr404(em, IndicatorCategoryEntity, 'IndicatorCategory', id);
      assertOwnDivision(ctx, category, 'IndicatorCategory', id);
      await assertUnreferenced(em, `Category ${category.code} ${category.name}`, category.id, CATEGORY_REFERENCES);
      auditLibrary(ctx, em, categorySubject(category), 'delete', categoryFields(category), null);
      em.remove(category);
    });
    return true;
  },
};

import type { Context } from '../../shared/context';
import { fresh } from '../../shared/loaders';
import {
  applyPatch,
  assertAbsent,
  assertUnreferenced,
  loadOr404,
  type ReferenceCheck,
  reference,
  toId,
} from '../../shared/writes';
import { IndicatorCategoryEntity, IndicatorEntity } from './indicator.entity';
import { IndicatorStatus, Visibility } from './indicator.enums';
import type { CreateIndicatorInput, UpdateIndicatorInput } from './indicator.inputs';
import { indicatorTable } from './indicator.reads';
import {
  assertDraft,
  assertOwnDivision,
  checkDefinition,
  dimensions,
  optional,
  ownDivision,
  ownerIn,
} from './indicator.rules';
import { auditLibrary, indicatorTaxonomyService } from './indicator.taxonomy.service';
import type { Indicator } from './indicator.types';

const INDICATOR_REFERENCES: readonly ReferenceCheck[] = [
  { label: 'target indicator rows', table: 'target_indicator', column: 'indicator_id' },
  { label: 'change requests', table: 'indicator_change_request', column: 'indicator_id' },
  { label: 'change requests (as their result)', table: 'indicator_change_request', column: 'result_indicator_id' },
  { label: 'change requests (as a duplicate)', table: 'indicator_change_request', column: 'duplicate_of_id' },
  { label: 'newer versions', table: 'indicator', column: 'supersedes_id' },
];

export const indicatorFields = (i: IndicatorEntity): Record<string, unknown> => ({
  fiscalDivisionCode: i.fiscalDivision.code,
  code: i.code,
  versionNo: i.versionNo,
  name: i.name,
  scope: i.scope,
  categoryId: i.category.id,
  level1NodeId: i.level1Node.id,
  level2NodeId: i.level2Node?.id ?? null,
  explanation: i.explanation ?? null,
  calculationMethod: i.calculationMethod ?? null,
  scoringRule: i.scoringRule ?? null,
  defaultComparator: i.defaultComparator,
  defaultUnit: i.defaultUnit ?? null,
  valueType: i.valueType,
  referenceValue: i.referenceValue ?? null,
  dataSource: i.dataSource ?? null,
  visibility: i.visibility,
  ownerDepartmentId: i.ownerDepartment?.id ?? null,
  validFrom: i.validFrom ?? null,
  validTo: i.validTo ?? null,
  status: i.status,
  enabled: i.enabled,
});

export const indicatorSubject = (i: IndicatorEntity) => ({
  type: 'Indicator',
  id: i.id,
  fiscalDivisionCode: i.fiscalDivision.code,
  departmentId: i.ownerDepartment?.id ?? null,
});

/**
 * The indicator library's curation (绩效指标库): the structure (frameworks, dimensions, categories) and draft
 * indicators. Publishing belongs to the admission queue.
 */
export const indicatorService = {
  ...indicatorTaxonomyService,

  /**
   * Adds a DRAFT indicator (version 1) to the curator's own fiscal division; it reaches targets only once the
   * admission queue publishes it.
   */
  async createIndicator(ctx: Context, input: CreateIndicatorInput): Promise<Indicator> {
    const id = await ctx.em.transactional(async (em) => {
      const fiscalDivision = await ownDivision(ctx, em, input.fiscalDivisionCode);
      const category = await reference(em, IndicatorCategoryEntity, 'categoryId', input.categoryId);
      const { level1, level2 } = await dimensions(em, input.level1NodeId, input.level2NodeId);
      const ownerDepartment = input.ownerDepartmentId
        ? await ownerIn(em, input.ownerDepartmentId, fiscalDivision.code)
        : undefined;
      // Before em.create: a count flushes pending entities first, and would find the new one.
      await assertAbsent(
        em.count(IndicatorEntity, { fiscalDivision, code: input.code }),
        `Indicator code ${input.code} in ${fiscalDivision.code}`,
      );
      const indicator = em.create(IndicatorEntity, {
        fiscalDivision,
        code: input.code,
        versionNo: 1,
        name: input.name,
        scope: input.scope,
        category,
        level1Node: level1,
        level2Node: level2,
        ownerDepartment,
        explanation: input.explanation ?? undefined,
        calculationMethod: input.calculationMethod ?? undefined,
        scoringRule: input.scoringRule ?? undefined,
        defaultComparator: input.defaultComparator,
        defaultUnit: input.defaultUnit?.trim() || undefined,
        valueType: input.valueType,
        referenceValue: input.referenceValue ?? undefined,
        dataSource: input.dataSource ?? undefined,
        visibility: input.visibility ?? Visibility.PUBLIC,
        validFrom: input.validFrom ?? undefined,
        validTo: input.validTo ?? undefined,
        status: IndicatorStatus.DRAFT,
        enabled: input.enabled ?? true,
      });
      checkDefinition(indicator);
      await em.flush();
      auditLibrary(ctx, em, indicatorSubject(indicator), 'create', null, indicatorFields(indicator));
      return indicator.id;
    });
    return fresh(ctx, indicatorTable, 'id', id);
  },

  /** Changes a DRAFT indicator; a published version never changes (INDICATOR_IMMUTABLE). */
  async updateIndicator(ctx: Context, id: string, input: UpdateIndicatorInput): Promise<Indicator> {
    await ctx.em.transactional(async (em) => {
      const indicator = await loadOr404(em, IndicatorEntity, 'Indicator', id);
      assertOwnDivision(ctx, indicator, 'Indicator', id);
      assertDraft(indicator, 'edited');
      await em.populate(indicator, ['category']);
      const before = indicatorFields(indicator);
      const divisionCode = indicator.fiscalDivision.code;
      if (input.code && input.code !== indicator.code) {
        await assertAbsent(
          em.count(IndicatorEntity, { fiscalDivision: indicator.fiscalDivision, code: input.code }),
          `Indicator code ${input.code} in ${divisionCode}`,
        );
      }
      if (input.categoryId) {
        indicator.category = await reference(em, IndicatorCategoryEntity, 'categoryId', input.categoryId);
      }
      if (input.level1NodeId || input.level2NodeId !== undefined) {
        // level2NodeId null clears level 2; a level1NodeId alone replaces both levels (level 2 is cleared).
        const level2Id = input.level2NodeId === null ? undefined : (input.level2NodeId ?? undefined);
        const level1Id = input.level1NodeId || (level2Id ? undefined : String(indicator.level1Node.id));
        const { level1, level2 } = await dimensions(em, level1Id, level2Id);
        indicator.level1Node = level1;
        indicator.level2Node = level2;
      }
      if (input.ownerDepartmentId === null) indicator.ownerDepartment = undefined;
      else if (input.ownerDepartmentId !== undefined) {
        indicator.ownerDepartment = await ownerIn(em, input.ownerDepartmentId, divisionCode);
      }
      applyPatch(indicator, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        scope: input.scope ?? undefined,
        defaultComparator: input.defaultComparator ?? undefined,
        valueType: input.valueType ?? undefined,
        visibility: input.visibility ?? undefined,
        enabled: input.enabled ?? undefined,
        explanation: optional(input.explanation),
        calculationMethod: optional(input.calculationMethod),
        scoringRule: optional(input.scoringRule),
        defaultUnit: optional(input.defaultUnit),
        referenceValue: optional(input.referenceValue),
        dataSource: optional(input.dataSource),
        validFrom: optional(input.validFrom),
        validTo: optional(input.validTo),
      });
      checkDefinition(indicator);
      auditLibrary(ctx, em, indicatorSubject(indicator), 'update', before, indicatorFields(indicator));
    });
    return fresh(ctx, indicatorTable, 'id', toId(id));
  },

  /** Deletes a DRAFT indicator that no target row and no change request references. */
  async deleteIndicator(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const indicator = await loadOr404(em, IndicatorEntity, 'Indicator', id);
      assertOwnDivision(ctx, indicator, 'Indicator', id);
      assertDraft(indicator, 'deleted');
      await assertUnreferenced(em, `Indicator ${indicator.code} ${indicator.name}`, indicator.id, INDICATOR_REFERENCES);
      auditLibrary(ctx, em, indicatorSubject(indicator), 'delete', indicatorFields(indicator), null);
      em.remove(indicator);
    });
    return true;
  },
};

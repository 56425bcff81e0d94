import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError } from '../../shared/errors';
import { auditService } from '../audit';
import type { ReviewEventTypeName } from '../events/events.enums';
import { IndicatorEntity, IndicatorStatus } from '../indicator';
import { buildDefinition, nextCode } from './admission.definition';
import type { IndicatorChangeRequestEntity } from './admission.entity';
import { ChangeRequestType } from './admission.enums';

const indicatorSnapshot = (i: IndicatorEntity) => ({
  code: i.code,
  versionNo: i.versionNo,
  name: i.name,
  status: i.status,
  enabled: i.enabled,
});

/** The published version a MODIFY or RETIRE is about, locked; it must still be the published one. */
async function currentVersion(em: EntityManager, r: IndicatorChangeRequestEntity): Promise<IndicatorEntity> {
  const id = r.indicator?.id;
  const old = id ? await em.findOne(IndicatorEntity, id, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!old || old.status !== IndicatorStatus.PUBLISHED) {
    throw new DomainError(
      'INDICATOR_NOT_PUBLISHED',
      `The indicator this ${r.type} is about is no longer the published version (now ${old?.status ?? 'missing'}); reject the request and propose again against the current version.`,
      { status: old?.status ?? null },
    );
  }
  return old;
}

/**
 * What an approval does to the library (入库 / 修改 / 出库): ADMIT publishes version 1 under a newly assigned code;
 * MODIFY publishes the next version of the same code and supersedes the old one; RETIRE retires the indicator.
 * Published versions never change in place, so target rows that used an old version keep it.
 */
export async function publish(ctx: Context, em: EntityManager, r: IndicatorChangeRequestEntity): Promise<void> {
  const now = new Date();
  const record = (
    i: IndicatorEntity,
    action: string,
    before: Record<string, unknown> | null,
    type: ReviewEventTypeName,
  ) => {
    const common = { fiscalDivisionCode: r.fiscalDivision.code, subjectType: 'Indicator', subjectId: i.id };
    auditService.record(ctx, em, { ...common, action, before, after: indicatorSnapshot(i) });
    auditService.event(ctx, em, {
      ...common,
      type,
      fromState: before ? String(before.status) : null,
      toState: i.status,
      payload: { code: i.code, versionNo: i.versionNo, name: i.name, requestId: r.id },
    });
  };

  if (r.type === ChangeRequestType.RETIRE) {
    const old = await currentVersion(em, r);
    const before = indicatorSnapshot(old);
    old.status = IndicatorStatus.RETIRED;
    old.enabled = false;
    old.validTo ??= now.toISOString().slice(0, 10);
    await em.flush();
    record(old, 'RETIRE', before, 'INDICATOR_RETIRED');
    return;
  }

  const next = await buildDefinition(em, r.fiscalDivision, r.department, r.proposal);
  next.status = IndicatorStatus.PUBLISHED;
  next.publishedAt = now;
  if (r.type === ChangeRequestType.MODIFY) {
    const old = await currentVersion(em, r);
    const before = indicatorSnapshot(old);
    next.code = old.code;
    next.versionNo = old.versionNo + 1;
    next.supersedes = old;
    next.enabled = old.enabled;
    next.ownerDepartment ??= old.ownerDepartment;
    next.validFrom = old.validFrom;
    next.validTo = old.validTo;
    old.status = IndicatorStatus.SUPERSEDED;
    em.persist(next);
    await em.flush();
    record(old, 'SUPERSEDE', before, 'INDICATOR_SUPERSEDED');
  } else {
    next.code = await nextCode(em, next.scope, next.category);
    next.versionNo = 1;
    em.persist(next);
    await em.flush();
  }
  r.resultIndicator = next;
  record(next, 'PUBLISH', null, 'INDICATOR_PUBLISHED');
}

import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { DepartmentEntity, FiscalDivisionEntity } from '../fiscal/fiscal.entity';
import { IndicatorEntity } from '../indicator/indicator.entity';
import { ApprovalDecision, ChangeRequestStatus, ChangeRequestStep, ChangeRequestType } from './admission.enums';

/**
 * A request to add, modify or retire a library indicator (入库 / 修改 / 出库申请): the "add to the library before
 * use" (先入库、后使用) queue.
 */
@Entity({ tableName: 'indicator_change_request' })
export class IndicatorChangeRequestEntity {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Enum({ items: () => ChangeRequestType })
  @Index()
  type!: ChangeRequestType;

  @Enum({ items: () => ChangeRequestStatus })
  @Index()
  status: ChangeRequestStatus = ChangeRequestStatus.DRAFT;

  /** Where an IN_REVIEW request waits: the department's pre-check or the performance division. */
  @Enum({ items: () => ChangeRequestStep, nullable: true })
  step?: ChangeRequestStep;

  /** The indicator version a MODIFY or RETIRE is about. */
  @ManyToOne(() => IndicatorEntity, { nullable: true, index: true })
  indicator?: Rel<IndicatorEntity>;

  /** The proposed name, kept as a column for similarity search. */
  @Property({ length: 100 })
  @Index({
    name: 'indicator_change_request_name_trgm',
    expression:
      'create index "indicator_change_request_name_trgm" on "indicator_change_request" using gin ("name" gin_trgm_ops)',
  })
  name!: string;

  /** The full proposed definition (the fields of an indicator). */
  @Property({ type: 'jsonb' })
  proposal!: Record<string, unknown>;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ length: 200, nullable: true })
  exampleProject?: string;

  @ManyToOne(() => DepartmentEntity, { index: true })
  department!: Rel<DepartmentEntity>;

  @Property({ length: 50, nullable: true })
  applicantName?: string;

  /** The indicator version the approval published. */
  @ManyToOne(() => IndicatorEntity, { nullable: true, index: true })
  resultIndicator?: Rel<IndicatorEntity>;

  /** For a rejection as a duplicate: the existing indicator. */
  @ManyToOne(() => IndicatorEntity, { nullable: true, index: true })
  duplicateOf?: Rel<IndicatorEntity>;

  @Property({ type: 'text', nullable: true })
  decisionComment?: string;

  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date;

  @Property({ type: 'timestamptz' })
  @Index()
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}

/** One recorded decision on a change request (审核记录): step, actor, decision, comment, time. */
@Entity({ tableName: 'indicator_change_approval' })
export class IndicatorChangeApprovalEntity {
  [OptionalProps]?: 'decidedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @ManyToOne(() => IndicatorChangeRequestEntity, { index: true, deleteRule: 'cascade' })
  request!: Rel<IndicatorChangeRequestEntity>;

  @Enum({ items: () => ChangeRequestStep })
  step!: ChangeRequestStep;

  @Property({ length: 50 })
  actorName!: string;

  @Enum({ items: () => ApprovalDecision })
  decision!: ApprovalDecision;

  @Property({ type: 'text', nullable: true })
  comment?: string;

  @Property({ type: 'timestamptz' })
  decidedAt: Date = new Date();
}

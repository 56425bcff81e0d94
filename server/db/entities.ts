import { IndicatorChangeApprovalEntity, IndicatorChangeRequestEntity } from '../modules/admission/admission.entity';
import { AuditEntryEntity, ReviewEventEntity } from '../modules/audit/audit.entity';
import { BudgetRollupEntity, DataGenerationEntity } from '../modules/dashboard/dashboard.entity';
import { ExAnteAssessmentEntity } from '../modules/exante/exante.entity';
import {
  DepartmentEntity,
  FinanceDivisionEntity,
  FiscalDivisionEntity,
  FunctionClassEntity,
} from '../modules/fiscal/fiscal.entity';
import {
  AppSettingEntity,
  LoginThrottleEntity,
  RefreshTokenEntity,
  UserEntity,
} from '../modules/identity/identity.entity';
import {
  IndicatorCategoryEntity,
  IndicatorEntity,
  IndicatorFrameworkEntity,
  IndicatorFrameworkNodeEntity,
} from '../modules/indicator/indicator.entity';
import { ProjectBudgetEntity, ProjectEntity } from '../modules/project/project.entity';
import { TargetReviewEntity } from '../modules/review/review.entity';
import { PerformanceTargetEntity, TargetIndicatorEntity } from '../modules/target/target.entity';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookFanoutEntity,
} from '../modules/webhooks/webhooks.entity';

/** Every persistent entity, listed explicitly (no folder scanning, so the build and the tests see the same set). */
export const entities = [
  FiscalDivisionEntity,
  FinanceDivisionEntity,
  DepartmentEntity,
  FunctionClassEntity,
  IndicatorFrameworkEntity,
  IndicatorFrameworkNodeEntity,
  IndicatorCategoryEntity,
  IndicatorEntity,
  IndicatorChangeRequestEntity,
  IndicatorChangeApprovalEntity,
  ProjectEntity,
  ProjectBudgetEntity,
  ExAnteAssessmentEntity,
  PerformanceTargetEntity,
  TargetIndicatorEntity,
  TargetReviewEntity,
  UserEntity,
  RefreshTokenEntity,
  LoginThrottleEntity,
  AppSettingEntity,
  AuditEntryEntity,
  ReviewEventEntity,
  BudgetRollupEntity,
  DataGenerationEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
  WebhookFanoutEntity,
];

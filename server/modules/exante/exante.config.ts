/**
 * Thresholds that turn an ex-ante assessment's total score (0–100) into its conclusion (事前绩效评估结论):
 * SUPPORT 建议予以支持 at `support` or above, SUPPORT_AFTER_REVISION 建议调整完善后予以支持 at
 * `supportAfterRevision` or above, NOT_SUPPORT 建议不予支持 below. They are the bureau's configuration, not law:
 * `EXANTE_SUPPORT_MIN` and `EXANTE_REVISION_MIN` (server/config.ts) set them, reaching the services through the request
 * context (`ctx.exAnte`); these are the defaults.
 */
import type { Config } from '../../config';

export interface ExAnteThresholds {
  /** Lowest total that concludes SUPPORT (建议予以支持). */
  readonly support: number;
  /** Lowest total that concludes SUPPORT_AFTER_REVISION (建议调整完善后予以支持); below it, NOT_SUPPORT. */
  readonly supportAfterRevision: number;
}

export interface ExAnteConfig {
  readonly thresholds: ExAnteThresholds;
}

/** The defaults: support ≥ 90, support after revision 70–89.99, not support < 70. */
export const defaultExAnteConfig: ExAnteConfig = Object.freeze({
  thresholds: Object.freeze({ support: 90, supportAfterRevision: 70 }),
});

/** The ex-ante configuration the service configuration names (validated there: 0–100, support above revision). */
export function exAnteConfigFrom(config: Pick<Config, 'exAnteSupportMin' | 'exAnteRevisionMin'>): ExAnteConfig {
  return Object.freeze({
    thresholds: Object.freeze({ support: config.exAnteSupportMin, supportAfterRevision: config.exAnteRevisionMin }),
  });
}

export default defaultExAnteConfig;

/** Indicator module: the indicator library (绩效指标库): frameworks and their dimensions, categories, indicators. */
export * from './indicator.entity';
export * from './indicator.enums';
export * from './indicator.inputs';
export {
  CATEGORY_SUBTREE,
  indicatorCategoryTable,
  indicatorFrameworkNodeTable,
  indicatorFrameworkTable,
  indicatorReads,
  indicatorTable,
} from './indicator.reads';
export { IndicatorResolver } from './indicator.resolver';
export { checkDefinition, dimensions } from './indicator.rules';
export { indicatorService } from './indicator.service';
export {
  IndicatorCategoryResolver,
  IndicatorFrameworkNodeResolver,
  IndicatorFrameworkResolver,
} from './indicator.taxonomy.resolver';
export * from './indicator.types';

import { IndicatorResolver } from './indicator.resolver';
import {
  IndicatorCategoryResolver,
  IndicatorFrameworkNodeResolver,
  IndicatorFrameworkResolver,
} from './indicator.taxonomy.resolver';

export const indicatorResolvers = [
  IndicatorFrameworkResolver,
  IndicatorFrameworkNodeResolver,
  IndicatorCategoryResolver,
  IndicatorResolver,
] as const;

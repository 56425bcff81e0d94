/** Fiscal module: tenancy and the bureau's reference data (fiscal divisions, finance divisions, departments). */
export * from './fiscal.entity';
export * from './fiscal.enums';
export {
  departmentTable,
  financeDivisionTable,
  fiscalDivisionTable,
  fiscalReads,
  searchCodeName,
} from './fiscal.reads';
export {
  DepartmentResolver,
  FinanceDivisionResolver,
  FiscalDivisionResolver,
  FunctionClassResolver,
} from './fiscal.resolver';
export { expenditureDivision, fiscalService } from './fiscal.service';
export * from './fiscal.types';

import {
  DepartmentResolver,
  FinanceDivisionResolver,
  FiscalDivisionResolver,
  FunctionClassResolver,
} from './fiscal.resolver';

export const fiscalResolvers = [
  FiscalDivisionResolver,
  FinanceDivisionResolver,
  DepartmentResolver,
  FunctionClassResolver,
] as const;

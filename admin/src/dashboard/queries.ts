/** The dashboard's GraphQL: one request per selected year, one for the figures that do not depend on the year. */

export interface FundsRow {
  departmentId: string | null;
  departmentName: string | null;
  budgetType: string | null;
  budgets: number;
  requested: string;
  audited: string;
  approved: string;
  cut: string;
}

export interface YearData {
  funnel: {
    groups: FundsRow[];
    total: {
      budgets: number;
      decidedBudgets: number;
      requested: string;
      audited: string;
      approved: string;
      cut: string;
      cutRate: number | null;
    };
  };
  decisions: { groups: Array<{ decision: string | null; budgets: number; approved: string }> };
  targets: {
    total: {
      targets: number;
      submitted: number;
      graded: number;
      excellent: number;
      good: number;
      fair: number;
      poor: number;
      firstPassRate: number | null;
      averageRounds: number | null;
    };
  };
  coverage: {
    groups: Array<{ budgetType: string | null; budgets: number; withTarget: number; coverage: number | null }>;
    total: { budgets: number; withTarget: number; coverage: number | null };
  };
}

export const YEAR_QUERY = `query DashboardYear($years: [Int!]) {
  funnel: fundsAggregate(groupBy: [DEPARTMENT, BUDGET_TYPE], filter: { fiscalYears: $years }) {
    groups { departmentId departmentName budgetType budgets requested audited approved cut }
    total { budgets decidedBudgets requested audited approved cut cutRate }
  }
  decisions: fundsAggregate(groupBy: [DECISION], filter: { fiscalYears: $years }) {
    groups { decision budgets approved }
  }
  targets: targetAggregate(filter: { fiscalYears: $years }) {
    total { targets submitted graded excellent good fair poor firstPassRate averageRounds }
  }
  coverage: coverageAggregate(groupBy: [BUDGET_TYPE], filter: { fiscalYears: $years }) {
    groups { budgetType budgets withTarget coverage }
    total { budgets withTarget coverage }
  }
}`;

export interface StaticData {
  years: { groups: Array<{ fiscalYear: number | null }> };
  targetYears: { groups: Array<{ fiscalYear: number | null }> };
  library: {
    groups: Array<{
      scope: string | null;
      categoryId: string | null;
      categoryName: string | null;
      indicators: number;
      used: number;
      neverUsed: number;
    }>;
    total: { indicators: number; used: number; neverUsed: number };
  };
  queue: {
    groups: Array<{ step: string | null; requests: number; pending: number; oldestPendingDays: number | null }>;
    total: {
      requests: number;
      pending: number;
      decided: number;
      averageDaysToDecision: number | null;
      medianDaysToDecision: number | null;
      oldestPendingDays: number | null;
    };
  };
}

export const STATIC_QUERY = `query DashboardStatic {
  years: fundsAggregate(groupBy: [FISCAL_YEAR]) { groups { fiscalYear } }
  targetYears: targetAggregate(groupBy: [FISCAL_YEAR]) { groups { fiscalYear } }
  library: libraryAggregate(groupBy: [SCOPE, CATEGORY], filter: { statuses: [PUBLISHED] }) {
    groups { scope categoryId categoryName indicators used neverUsed }
    total { indicators used neverUsed }
  }
  queue: admissionAggregate(groupBy: [STEP]) {
    groups { step requests pending oldestPendingDays }
    total { requests pending decided averageDaysToDecision medianDaysToDecision oldestPendingDays }
  }
}`;

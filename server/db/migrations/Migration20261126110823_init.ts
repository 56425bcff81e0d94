import { Migration } from '@mikro-orm/migrations';

export class Migration20261126110823_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create table "fiscal_division" ("code" varchar(9) not null, "name" varchar(100) not null, "level" text check ("level" in ('PROVINCE', 'CITY', 'DISTRICT')) not null, "parent_code" varchar(9) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "fiscal_division_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "fiscal_division_parent_code_index" on "fiscal_division" ("parent_code");`);

    this.addSql(
      `create table "finance_division" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "code" varchar(30) not null, "name" varchar(100) not null, "kind" text check ("kind" in ('EXPENDITURE', 'BUDGET', 'PERFORMANCE', 'EVALUATION_CENTER')) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "finance_division_fiscal_division_code_index" on "finance_division" ("fiscal_division_code");`,
    );
    this.addSql(`create index "finance_division_kind_index" on "finance_division" ("kind");`);
    this.addSql(
      `alter table "finance_division" add constraint "finance_division_fiscal_division_code_code_unique" unique ("fiscal_division_code", "code");`,
    );

    this.addSql(
      `create table "department" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "code" varchar(30) not null, "name" varchar(100) not null, "kind" text check ("kind" in ('ADMINISTRATIVE', 'INSTITUTION')) not null, "parent_id" int null, "managing_division_id" int null, "industry_pilot" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "department_fiscal_division_code_index" on "department" ("fiscal_division_code");`);
    this.addSql(`create index "department_parent_id_index" on "department" ("parent_id");`);
    this.addSql(`create index "department_managing_division_id_index" on "department" ("managing_division_id");`);
    this.addSql(`create index "department_name_trgm" on "department" using gin ("name" gin_trgm_ops);`);
    this.addSql(
      `alter table "department" add constraint "department_fiscal_division_code_code_unique" unique ("fiscal_division_code", "code");`,
    );

    this.addSql(
      `create table "function_class" ("code" varchar(12) not null, "name" varchar(100) not null, "parent_code" varchar(12) null, "level" smallint not null, constraint "function_class_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "function_class_parent_code_index" on "function_class" ("parent_code");`);

    this.addSql(
      `create table "indicator_category" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "scope" text check ("scope" in ('COMMON', 'INDUSTRY', 'DEPARTMENT')) not null, "code" varchar(20) not null, "name" varchar(100) not null, "parent_id" int null, "owner_department_id" int null, "sort_order" smallint not null default 0);`,
    );
    this.addSql(
      `create index "indicator_category_fiscal_division_code_index" on "indicator_category" ("fiscal_division_code");`,
    );
    this.addSql(`create index "indicator_category_scope_index" on "indicator_category" ("scope");`);
    this.addSql(`create index "indicator_category_parent_id_index" on "indicator_category" ("parent_id");`);
    this.addSql(
      `create index "indicator_category_owner_department_id_index" on "indicator_category" ("owner_department_id");`,
    );
    this.addSql(
      `alter table "indicator_category" add constraint "indicator_category_fiscal_division_code_scope_code_unique" unique ("fiscal_division_code", "scope", "code");`,
    );

    this.addSql(
      `create table "indicator_framework" ("id" serial primary key, "code" varchar(30) not null, "name" varchar(100) not null, "kind" text check ("kind" in ('PROJECT', 'DEPARTMENT')) not null, "from_year" smallint null, "is_default" boolean not null default false, "description" text null);`,
    );
    this.addSql(`alter table "indicator_framework" add constraint "indicator_framework_code_unique" unique ("code");`);

    this.addSql(
      `create table "indicator_framework_node" ("id" serial primary key, "framework_id" int not null, "parent_id" int null, "level" smallint not null, "code" varchar(20) not null, "name" varchar(50) not null, "sort_order" smallint not null default 0);`,
    );
    this.addSql(
      `create index "indicator_framework_node_framework_id_index" on "indicator_framework_node" ("framework_id");`,
    );
    this.addSql(`create index "indicator_framework_node_parent_id_index" on "indicator_framework_node" ("parent_id");`);
    this.addSql(
      `alter table "indicator_framework_node" add constraint "indicator_framework_node_framework_id_code_unique" unique ("framework_id", "code");`,
    );

    this.addSql(
      `create table "indicator" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "code" varchar(30) not null, "version_no" smallint not null default 1, "name" varchar(100) not null, "scope" text check ("scope" in ('COMMON', 'INDUSTRY', 'DEPARTMENT')) not null, "category_id" int not null, "level1node_id" int not null, "level2node_id" int null, "explanation" text null, "calculation_method" text null, "scoring_rule" text null, "default_comparator" text check ("default_comparator" in ('GE', 'GT', 'EQ', 'LT', 'LE', 'QUALITATIVE')) not null, "default_unit" varchar(20) null, "value_type" text check ("value_type" in ('QUANTITATIVE', 'QUALITATIVE')) not null, "reference_value" varchar(100) null, "data_source" varchar(200) null, "visibility" text check ("visibility" in ('PUBLIC', 'PRIVATE')) not null default 'PUBLIC', "owner_department_id" int null, "valid_from" date null, "valid_to" date null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'SUPERSEDED', 'RETIRED')) not null default 'DRAFT', "enabled" boolean not null default true, "supersedes_id" int null, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "indicator_fiscal_division_code_index" on "indicator" ("fiscal_division_code");`);
    this.addSql(`create index "indicator_scope_index" on "indicator" ("scope");`);
    this.addSql(`create index "indicator_category_id_index" on "indicator" ("category_id");`);
    this.addSql(`create index "indicator_level1node_id_index" on "indicator" ("level1node_id");`);
    this.addSql(`create index "indicator_level2node_id_index" on "indicator" ("level2node_id");`);
    this.addSql(`create index "indicator_owner_department_id_index" on "indicator" ("owner_department_id");`);
    this.addSql(`create index "indicator_status_index" on "indicator" ("status");`);
    this.addSql(`create index "indicator_supersedes_id_index" on "indicator" ("supersedes_id");`);
    this.addSql(`create index "indicator_code_trgm" on "indicator" using gin ("code" gin_trgm_ops);`);
    this.addSql(`create index "indicator_name_trgm" on "indicator" using gin ("name" gin_trgm_ops);`);
    this.addSql(
      `alter table "indicator" add constraint "indicator_fiscal_division_code_code_version_no_unique" unique ("fiscal_division_code", "code", "version_no");`,
    );

    this.addSql(
      `create table "indicator_change_request" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "type" text check ("type" in ('ADMIT', 'MODIFY', 'RETIRE')) not null, "status" text check ("status" in ('DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED')) not null default 'DRAFT', "step" text check ("step" in ('DEPARTMENT_PRECHECK', 'PERFORMANCE_REVIEW')) null, "indicator_id" int null, "name" varchar(100) not null, "proposal" jsonb not null, "reason" text not null, "example_project" varchar(200) null, "department_id" int not null, "applicant_name" varchar(50) null, "result_indicator_id" int null, "duplicate_of_id" int null, "decision_comment" text null, "submitted_at" timestamptz null, "decided_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "indicator_change_request_fiscal_division_code_index" on "indicator_change_request" ("fiscal_division_code");`,
    );
    this.addSql(`create index "indicator_change_request_type_index" on "indicator_change_request" ("type");`);
    this.addSql(`create index "indicator_change_request_status_index" on "indicator_change_request" ("status");`);
    this.addSql(
      `create index "indicator_change_request_indicator_id_index" on "indicator_change_request" ("indicator_id");`,
    );
    this.addSql(
      `create index "indicator_change_request_department_id_index" on "indicator_change_request" ("department_id");`,
    );
    this.addSql(
      `create index "indicator_change_request_result_indicator_id_index" on "indicator_change_request" ("result_indicator_id");`,
    );
    this.addSql(
      `create index "indicator_change_request_duplicate_of_id_index" on "indicator_change_request" ("duplicate_of_id");`,
    );
    this.addSql(
      `create index "indicator_change_request_created_at_index" on "indicator_change_request" ("created_at");`,
    );
    this.addSql(
      `create index "indicator_change_request_name_trgm" on "indicator_change_request" using gin ("name" gin_trgm_ops);`,
    );

    this.addSql(
      `create table "indicator_change_approval" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "request_id" int not null, "step" text check ("step" in ('DEPARTMENT_PRECHECK', 'PERFORMANCE_REVIEW')) not null, "actor_name" varchar(50) not null, "decision" text check ("decision" in ('PASS', 'APPROVE', 'RETURN', 'REJECT')) not null, "comment" text null, "decided_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "indicator_change_approval_fiscal_division_code_index" on "indicator_change_approval" ("fiscal_division_code");`,
    );
    this.addSql(
      `create index "indicator_change_approval_request_id_index" on "indicator_change_approval" ("request_id");`,
    );

    this.addSql(
      `create table "project" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "code" varchar(40) not null, "name" varchar(200) not null, "department_id" int not null, "managing_division_id" int null, "category" varchar(50) null, "attribute" text check ("attribute" in ('NEW', 'CONTINUING')) not null, "start_year" smallint not null, "term_years" smallint not null default 1, "function_class_code" varchar(12) null, "budget_type" text check ("budget_type" in ('GENERAL_PUBLIC', 'GOVERNMENT_FUND', 'STATE_CAPITAL', 'SOCIAL_INSURANCE')) not null, "major_policy" boolean not null default false, "special_fund" boolean not null default false, "transfer_payment" boolean not null default false, "phase" text check ("phase" in ('CANDIDATE', 'ADMITTED', 'BUDGETED', 'ENDED')) not null default 'CANDIDATE', "parent_id" int null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "project_fiscal_division_code_index" on "project" ("fiscal_division_code");`);
    this.addSql(`create index "project_department_id_index" on "project" ("department_id");`);
    this.addSql(`create index "project_managing_division_id_index" on "project" ("managing_division_id");`);
    this.addSql(`create index "project_start_year_index" on "project" ("start_year");`);
    this.addSql(`create index "project_function_class_code_index" on "project" ("function_class_code");`);
    this.addSql(`create index "project_budget_type_index" on "project" ("budget_type");`);
    this.addSql(`create index "project_phase_index" on "project" ("phase");`);
    this.addSql(`create index "project_parent_id_index" on "project" ("parent_id");`);
    this.addSql(`create index "project_name_trgm" on "project" using gin ("name" gin_trgm_ops);`);
    this.addSql(
      `alter table "project" add constraint "project_fiscal_division_code_code_unique" unique ("fiscal_division_code", "code");`,
    );

    this.addSql(
      `create table "project_budget" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "project_id" int not null, "fiscal_year" smallint not null, "requested" numeric(18,2) not null, "audited" numeric(18,2) null, "approved" numeric(18,2) null, "decision" text check ("decision" in ('FULL', 'REDUCED', 'MERGED', 'DEFERRED', 'CANCELLED')) null, "decision_reason" text null, "merged_into_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "project_budget_fiscal_division_code_index" on "project_budget" ("fiscal_division_code");`,
    );
    this.addSql(`create index "project_budget_project_id_index" on "project_budget" ("project_id");`);
    this.addSql(`create index "project_budget_fiscal_year_index" on "project_budget" ("fiscal_year");`);
    this.addSql(`create index "project_budget_decision_index" on "project_budget" ("decision");`);
    this.addSql(`create index "project_budget_merged_into_id_index" on "project_budget" ("merged_into_id");`);
    this.addSql(
      `alter table "project_budget" add constraint "project_budget_project_id_fiscal_year_unique" unique ("project_id", "fiscal_year");`,
    );

    this.addSql(
      `create table "performance_target" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "kind" text check ("kind" in ('PROJECT', 'DEPARTMENT', 'TRANSFER_REGIONAL')) not null, "fiscal_year" smallint not null, "project_id" int null, "department_id" int not null, "parent_id" int null, "region_code" varchar(9) null, "framework_id" int not null, "overall_goal" text not null default '', "annual_goal" text not null default '', "funds" numeric(18,2) not null, "measures" text null, "status" text check ("status" in ('DRAFT', 'DEPARTMENT_REVIEW', 'INITIAL_REVIEW', 'RECHECK', 'JOINT_REVIEW', 'GRADED', 'READY_FOR_BUDGET', 'BLOCKED', 'APPROVED')) not null default 'DRAFT', "grade" text check ("grade" in ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')) null, "review_round" smallint not null default 0, "submit_to_congress" boolean not null default false, "submitted_at" timestamptz null, "approved_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "performance_target_fiscal_division_code_index" on "performance_target" ("fiscal_division_code");`,
    );
    this.addSql(`create index "performance_target_kind_index" on "performance_target" ("kind");`);
    this.addSql(`create index "performance_target_fiscal_year_index" on "performance_target" ("fiscal_year");`);
    this.addSql(`create index "performance_target_project_id_index" on "performance_target" ("project_id");`);
    this.addSql(`create index "performance_target_department_id_index" on "performance_target" ("department_id");`);
    this.addSql(`create index "performance_target_parent_id_index" on "performance_target" ("parent_id");`);
    this.addSql(`create index "performance_target_region_code_index" on "performance_target" ("region_code");`);
    this.addSql(`create index "performance_target_framework_id_index" on "performance_target" ("framework_id");`);
    this.addSql(`create index "performance_target_status_index" on "performance_target" ("status");`);
    this.addSql(`create index "performance_target_grade_index" on "performance_target" ("grade");`);
    this.addSql(
      `create unique index "performance_target_parent_region_unique" on "performance_target" ("parent_id", "region_code") where "kind" = 'TRANSFER_REGIONAL';`,
    );
    this.addSql(
      `create unique index "performance_target_department_year_unique" on "performance_target" ("department_id", "fiscal_year") where "kind" = 'DEPARTMENT';`,
    );
    this.addSql(
      `create unique index "performance_target_project_year_unique" on "performance_target" ("project_id", "fiscal_year") where "kind" = 'PROJECT';`,
    );

    this.addSql(
      `create table "ex_ante_assessment" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "project_id" int not null, "fiscal_year" smallint not null, "stage" text check ("stage" in ('SELF', 'FINANCE_AUDIT', 'THIRD_PARTY')) not null, "assessor" varchar(100) null, "necessity_score" numeric(5,2) not null, "economy_score" numeric(5,2) not null, "target_reasonableness_score" numeric(5,2) not null, "feasibility_score" numeric(5,2) not null, "funding_compliance_score" numeric(5,2) not null, "total_score" numeric(5,2) not null, "conclusion" text check ("conclusion" in ('SUPPORT', 'SUPPORT_AFTER_REVISION', 'NOT_SUPPORT')) not null, "summary" text null, "assessed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "ex_ante_assessment_fiscal_division_code_index" on "ex_ante_assessment" ("fiscal_division_code");`,
    );
    this.addSql(`create index "ex_ante_assessment_project_id_index" on "ex_ante_assessment" ("project_id");`);
    this.addSql(`create index "ex_ante_assessment_fiscal_year_index" on "ex_ante_assessment" ("fiscal_year");`);
    this.addSql(`create index "ex_ante_assessment_conclusion_index" on "ex_ante_assessment" ("conclusion");`);
    this.addSql(
      `alter table "ex_ante_assessment" add constraint "ex_ante_assessment_project_id_fiscal_year_stage_unique" unique ("project_id", "fiscal_year", "stage");`,
    );

    this.addSql(
      `create table "target_indicator" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "target_id" int not null, "indicator_id" int not null, "period" text check ("period" in ('TOTAL', 'ANNUAL')) not null default 'ANNUAL', "comparator" text check ("comparator" in ('GE', 'GT', 'EQ', 'LT', 'LE', 'QUALITATIVE')) not null, "target_value" varchar(200) not null, "numeric_value" numeric(20,4) null, "unit" varchar(20) null, "weight" numeric(5,2) null, "value_basis" text null, "note" text null, "sort_order" smallint not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "target_indicator_fiscal_division_code_index" on "target_indicator" ("fiscal_division_code");`,
    );
    this.addSql(`create index "target_indicator_target_id_index" on "target_indicator" ("target_id");`);
    this.addSql(`create index "target_indicator_indicator_id_index" on "target_indicator" ("indicator_id");`);
    this.addSql(
      `alter table "target_indicator" add constraint "target_indicator_target_id_indicator_id_period_unique" unique ("target_id", "indicator_id", "period");`,
    );

    this.addSql(
      `create table "target_review" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "target_id" int not null, "stage" text check ("stage" in ('DEPARTMENT', 'INITIAL_EXPENDITURE', 'INITIAL_EVALUATION', 'RECHECK', 'JOINT')) not null, "round" smallint not null default 0, "reviewer_name" varchar(50) not null, "organisation_id" int null, "organisation_name" varchar(100) null, "scores" jsonb null, "total_score" numeric(5,2) null, "decision" text check ("decision" in ('PASS', 'RETURN', 'REJECT')) not null, "feedback" text null, "row_feedback" jsonb null, "grade_proposal" text check ("grade_proposal" in ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')) null, "internal_note" text null, "reviewed_at" timestamptz not null);`,
    );
    this.addSql(`create index "target_review_fiscal_division_code_index" on "target_review" ("fiscal_division_code");`);
    this.addSql(`create index "target_review_target_id_index" on "target_review" ("target_id");`);
    this.addSql(`create index "target_review_stage_index" on "target_review" ("stage");`);
    this.addSql(`create index "target_review_organisation_id_index" on "target_review" ("organisation_id");`);
    this.addSql(`create index "target_review_reviewed_at_index" on "target_review" ("reviewed_at");`);

    this.addSql(
      `alter table "fiscal_division" add constraint "fiscal_division_parent_code_foreign" foreign key ("parent_code") references "fiscal_division" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "finance_division" add constraint "finance_division_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "department" add constraint "department_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "department" add constraint "department_parent_id_foreign" foreign key ("parent_id") references "department" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "department" add constraint "department_managing_division_id_foreign" foreign key ("managing_division_id") references "finance_division" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "function_class" add constraint "function_class_parent_code_foreign" foreign key ("parent_code") references "function_class" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "indicator_category" add constraint "indicator_category_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator_category" add constraint "indicator_category_parent_id_foreign" foreign key ("parent_id") references "indicator_category" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "indicator_category" add constraint "indicator_category_owner_department_id_foreign" foreign key ("owner_department_id") references "department" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "indicator_framework_node" add constraint "indicator_framework_node_framework_id_foreign" foreign key ("framework_id") references "indicator_framework" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator_framework_node" add constraint "indicator_framework_node_parent_id_foreign" foreign key ("parent_id") references "indicator_framework_node" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "indicator" add constraint "indicator_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator" add constraint "indicator_category_id_foreign" foreign key ("category_id") references "indicator_category" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator" add constraint "indicator_level1node_id_foreign" foreign key ("level1node_id") references "indicator_framework_node" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator" add constraint "indicator_level2node_id_foreign" foreign key ("level2node_id") references "indicator_framework_node" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "indicator" add constraint "indicator_owner_department_id_foreign" foreign key ("owner_department_id") references "department" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "indicator" add constraint "indicator_supersedes_id_foreign" foreign key ("supersedes_id") references "indicator" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "indicator_change_request" add constraint "indicator_change_request_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator_change_request" add constraint "indicator_change_request_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "indicator_change_request" add constraint "indicator_change_request_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator_change_request" add constraint "indicator_change_request_result_indicator_id_foreign" foreign key ("result_indicator_id") references "indicator" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "indicator_change_request" add constraint "indicator_change_request_duplicate_of_id_foreign" foreign key ("duplicate_of_id") references "indicator" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "indicator_change_approval" add constraint "indicator_change_approval_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "indicator_change_approval" add constraint "indicator_change_approval_request_id_foreign" foreign key ("request_id") references "indicator_change_request" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "project" add constraint "project_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_managing_division_id_foreign" foreign key ("managing_division_id") references "finance_division" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_function_class_code_foreign" foreign key ("function_class_code") references "function_class" ("code") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_parent_id_foreign" foreign key ("parent_id") references "project" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "project_budget" add constraint "project_budget_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "project_budget" add constraint "project_budget_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "project_budget" add constraint "project_budget_merged_into_id_foreign" foreign key ("merged_into_id") references "project" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "performance_target" add constraint "performance_target_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "performance_target" add constraint "performance_target_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "performance_target" add constraint "performance_target_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "performance_target" add constraint "performance_target_parent_id_foreign" foreign key ("parent_id") references "performance_target" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "performance_target" add constraint "performance_target_region_code_foreign" foreign key ("region_code") references "fiscal_division" ("code") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "performance_target" add constraint "performance_target_framework_id_foreign" foreign key ("framework_id") references "indicator_framework" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "ex_ante_assessment" add constraint "ex_ante_assessment_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "ex_ante_assessment" add constraint "ex_ante_assessment_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "target_indicator" add constraint "target_indicator_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "target_indicator" add constraint "target_indicator_target_id_foreign" foreign key ("target_id") references "performance_target" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "target_indicator" add constraint "target_indicator_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "target_review" add constraint "target_review_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "target_review" add constraint "target_review_target_id_foreign" foreign key ("target_id") references "performance_target" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "target_review" add constraint "target_review_organisation_id_foreign" foreign key ("organisation_id") references "finance_division" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fiscal_division" drop constraint "fiscal_division_parent_code_foreign";`);

    this.addSql(`alter table "finance_division" drop constraint "finance_division_fiscal_division_code_foreign";`);

    this.addSql(`alter table "department" drop constraint "department_fiscal_division_code_foreign";`);

    this.addSql(`alter table "indicator_category" drop constraint "indicator_category_fiscal_division_code_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_fiscal_division_code_foreign";`);

    this.addSql(
      `alter table "indicator_change_request" drop constraint "indicator_change_request_fiscal_division_code_foreign";`,
    );

    this.addSql(
      `alter table "indicator_change_approval" drop constraint "indicator_change_approval_fiscal_division_code_foreign";`,
    );

    this.addSql(`alter table "project" drop constraint "project_fiscal_division_code_foreign";`);

    this.addSql(`alter table "project_budget" drop constraint "project_budget_fiscal_division_code_foreign";`);

    this.addSql(`alter table "performance_target" drop constraint "performance_target_fiscal_division_code_foreign";`);

    this.addSql(`alter table "performance_target" drop constraint "performance_target_region_code_foreign";`);

    this.addSql(`alter table "ex_ante_assessment" drop constraint "ex_ante_assessment_fiscal_division_code_foreign";`);

    this.addSql(`alter table "target_indicator" drop constraint "target_indicator_fiscal_division_code_foreign";`);

    this.addSql(`alter table "target_review" drop constraint "target_review_fiscal_division_code_foreign";`);

    this.addSql(`alter table "department" drop constraint "department_managing_division_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_managing_division_id_foreign";`);

    this.addSql(`alter table "target_review" drop constraint "target_review_organisation_id_foreign";`);

    this.addSql(`alter table "department" drop constraint "department_parent_id_foreign";`);

    this.addSql(`alter table "indicator_category" drop constraint "indicator_category_owner_department_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_owner_department_id_foreign";`);

    this.addSql(
      `alter table "indicator_change_request" drop constraint "indicator_change_request_department_id_foreign";`,
    );

    this.addSql(`alter table "project" drop constraint "project_department_id_foreign";`);

    this.addSql(`alter table "performance_target" drop constraint "performance_target_department_id_foreign";`);

    this.addSql(`alter table "function_class" drop constraint "function_class_parent_code_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_function_class_code_foreign";`);

    this.addSql(`alter table "indicator_category" drop constraint "indicator_category_parent_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_category_id_foreign";`);

    this.addSql(
      `alter table "indicator_framework_node" drop constraint "indicator_framework_node_framework_id_foreign";`,
    );

    this.addSql(`alter table "performance_target" drop constraint "performance_target_framework_id_foreign";`);

    this.addSql(`alter table "indicator_framework_node" drop constraint "indicator_framework_node_parent_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_level1node_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_level2node_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_supersedes_id_foreign";`);

    this.addSql(
      `alter table "indicator_change_request" drop constraint "indicator_change_request_indicator_id_foreign";`,
    );

    this.addSql(
      `alter table "indicator_change_request" drop constraint "indicator_change_request_result_indicator_id_foreign";`,
    );

    this.addSql(
      `alter table "indicator_change_request" drop constraint "indicator_change_request_duplicate_of_id_foreign";`,
    );

    this.addSql(`alter table "target_indicator" drop constraint "target_indicator_indicator_id_foreign";`);

    this.addSql(
      `alter table "indicator_change_approval" drop constraint "indicator_change_approval_request_id_foreign";`,
    );

    this.addSql(`alter table "project" drop constraint "project_parent_id_foreign";`);

    this.addSql(`alter table "project_budget" drop constraint "project_budget_project_id_foreign";`);

    this.addSql(`alter table "project_budget" drop constraint "project_budget_merged_into_id_foreign";`);

    this.addSql(`alter table "performance_target" drop constraint "performance_target_project_id_foreign";`);

    this.addSql(`alter table "ex_ante_assessment" drop constraint "ex_ante_assessment_project_id_foreign";`);

    this.addSql(`alter table "performance_target" drop constraint "performance_target_parent_id_foreign";`);

    this.addSql(`alter table "target_indicator" drop constraint "target_indicator_target_id_foreign";`);

    this.addSql(`alter table "target_review" drop constraint "target_review_target_id_foreign";`);

    this.addSql(`drop table if exists "fiscal_division" cascade;`);

    this.addSql(`drop table if exists "finance_division" cascade;`);

    this.addSql(`drop table if exists "department" cascade;`);

    this.addSql(`drop table if exists "function_class" cascade;`);

    this.addSql(`drop table if exists "indicator_category" cascade;`);

    this.addSql(`drop table if exists "indicator_framework" cascade;`);

    this.addSql(`drop table if exists "indicator_framework_node" cascade;`);

    this.addSql(`drop table if exists "indicator" cascade;`);

    this.addSql(`drop table if exists "indicator_change_request" cascade;`);

    this.addSql(`drop table if exists "indicator_change_approval" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "project_budget" cascade;`);

    this.addSql(`drop table if exists "performance_target" cascade;`);

    this.addSql(`drop table if exists "ex_ante_assessment" cascade;`);

    this.addSql(`drop table if exists "target_indicator" cascade;`);

    this.addSql(`drop table if exists "target_review" cascade;`);
  }
}

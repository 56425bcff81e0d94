import { Migration } from '@mikro-orm/migrations';

/**
 * The funds rollup (资金汇总): requested, audited and approved money per fiscal division × department × budget type ×
 * fiscal year × decision, kept current by statement-level triggers on project_budget and project in the transaction
 * of every write — whatever writes it (the API, the demo data, the generator, an operator's SQL). Dashboards read
 * the funds funnel from here instead of scanning every budget, so it stays fast at province scale and is never
 * stale. The triggers lock the rollup rows they touch in key order, so concurrent writers cannot deadlock on them.
 */
export class Migration20261126160000_dashboard extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "budget_rollup" (
  "fiscal_division_code" varchar(9) not null,
  "department_id" int not null,
  "budget_type" text not null,
  "fiscal_year" smallint not null,
  "decision" text not null,
  "budgets" int not null default 0,
  "requested" numeric(20,2) not null default 0,
  "audited_budgets" int not null default 0,
  "audited" numeric(20,2) not null default 0,
  "decided_budgets" int not null default 0,
  "decided_requested" numeric(20,2) not null default 0,
  "approved" numeric(20,2) not null default 0,
  constraint "budget_rollup_pkey" primary key ("fiscal_division_code", "fiscal_year", "department_id", "budget_type", "decision")
);`);
    this.addSql(`create or replace function budget_rollup_add(delta jsonb) returns void language sql as $$
  insert into budget_rollup as r (fiscal_division_code, department_id, budget_type, fiscal_year, decision, budgets,
         requested, audited_budgets, audited, decided_budgets, decided_requested, approved)
  select d.fiscal_division_code, d.department_id, d.budget_type, d.fiscal_year, d.decision, d.budgets, d.requested,
         d.audited_budgets, d.audited, d.decided_budgets, d.decided_requested, d.approved
    from jsonb_to_recordset(delta) as d(fiscal_division_code varchar, department_id int, budget_type text,
         fiscal_year smallint, decision text, budgets int, requested numeric, audited_budgets int, audited numeric,
         decided_budgets int, decided_requested numeric, approved numeric)
   order by d.fiscal_division_code, d.fiscal_year, d.department_id, d.budget_type, d.decision
  on conflict (fiscal_division_code, fiscal_year, department_id, budget_type, decision) do update set
    budgets = r.budgets + excluded.budgets,
    requested = r.requested + excluded.requested,
    audited_budgets = r.audited_budgets + excluded.audited_budgets,
    audited = r.audited + excluded.audited,
    decided_budgets = r.decided_budgets + excluded.decided_budgets,
    decided_requested = r.decided_requested + excluded.decided_requested,
    approved = r.approved + excluded.approved;
$$;`);
    // Budgets: the change of every written row, signed (+ new, − old), summed per rollup key.
    this.addSql(`create or replace function budget_rollup_on_budget() returns trigger language plpgsql as $$
declare
  delta jsonb;
begin
  if tg_op = 'INSERT' then
    select jsonb_agg(g) into delta from (
      select p.fiscal_division_code, p.department_id, p.budget_type, b.fiscal_year, coalesce(b.decision, '') as decision,
             count(*)::int as budgets, sum(b.requested) as requested,
             count(b.audited)::int as audited_budgets, coalesce(sum(b.audited), 0) as audited,
             count(b.approved)::int as decided_budgets,
             coalesce(sum(b.requested) filter (where b.approved is not null), 0) as decided_requested,
             coalesce(sum(b.approved), 0) as approved
        from new_rows b join project p on p.id = b.project_id
       group by 1, 2, 3, 4, 5) g;
  elsif tg_op = 'DELETE' then
    select jsonb_agg(g) into delta from (
      select p.fiscal_division_code, p.department_id, p.budget_type, b.fiscal_year, coalesce(b.decision, '') as decision,
             -count(*)::int as budgets, -sum(b.requested) as requested,
             -count(b.audited)::int as audited_budgets, -coalesce(sum(b.audited), 0) as audited,
             -count(b.approved)::int as decided_budgets,
             -coalesce(sum(b.requested) filter (where b.approved is not null), 0) as decided_requested,
             -coalesce(sum(b.approved), 0) as approved
        from old_rows b join project p on p.id = b.project_id
       group by 1, 2, 3, 4, 5) g;
  else
    select jsonb_agg(g) into delta from (
      select p.fiscal_division_code, p.department_id, p.budget_type, b.fiscal_year, b.decision,
             sum(b.sign)::int as budgets, sum(b.sign * b.requested) as requested,
             sum(b.sign * (b.audited is not null)::int)::int as audited_budgets,
             sum(b.sign * coalesce(b.audited, 0)) as audited,
             sum(b.sign * (b.approved is not null)::int)::int as decided_budgets,
             sum(case when b.approved is not null then b.sign * b.requested else 0 end) as decided_requested,
             sum(b.sign * coalesce(b.approved, 0)) as approved
        from (select 1 as sign, n.project_id, n.fiscal_year, coalesce(n.decision, '') as decision, n.requested,
                     n.audited, n.approved from new_rows n
              union all
              select -1, o.project_id, o.fiscal_year, coalesce(o.decision, ''), o.requested, o.audited, o.approved
                from old_rows o) b
        join project p on p.id = b.project_id
       group by 1, 2, 3, 4, 5) g;
  end if;
  if delta is not null then perform budget_rollup_add(delta); end if;
  return null;
end
$$;`);
    this.addSql(
      `create trigger budget_rollup_insert after insert on "project_budget" referencing new table as new_rows for each statement execute function budget_rollup_on_budget();`,
    );
    this.addSql(
      `create trigger budget_rollup_update after update on "project_budget" referencing old table as old_rows new table as new_rows for each statement execute function budget_rollup_on_budget();`,
    );
    this.addSql(
      `create trigger budget_rollup_delete after delete on "project_budget" referencing old table as old_rows for each statement execute function budget_rollup_on_budget();`,
    );
    // Projects: moving a project to another department, budget type or division moves its budgets' money.
    this.addSql(`create or replace function budget_rollup_on_project() returns trigger language plpgsql as $$
declare
  delta jsonb;
begin
  select jsonb_agg(g) into delta from (
    select p.fiscal_division_code, p.department_id, p.budget_type, b.fiscal_year, coalesce(b.decision, '') as decision,
           sum(p.sign)::int as budgets, sum(p.sign * b.requested) as requested,
           sum(p.sign * (b.audited is not null)::int)::int as audited_budgets,
           sum(p.sign * coalesce(b.audited, 0)) as audited,
           sum(p.sign * (b.approved is not null)::int)::int as decided_budgets,
           sum(case when b.approved is not null then p.sign * b.requested else 0 end) as decided_requested,
           sum(p.sign * coalesce(b.approved, 0)) as approved
      from (select 1 as sign, n.id, n.fiscal_division_code, n.department_id, n.budget_type from new_rows n
              join old_rows o on o.id = n.id
             where (n.fiscal_division_code, n.department_id, n.budget_type)
                   is distinct from (o.fiscal_division_code, o.department_id, o.budget_type)
            union all
            select -1, o.id, o.fiscal_division_code, o.department_id, o.budget_type from old_rows o
              join new_rows n on n.id = o.id
             where (n.fiscal_division_code, n.department_id, n.budget_type)
                   is distinct from (o.fiscal_division_code, o.department_id, o.budget_type)) p
      join project_budget b on b.project_id = p.id
     group by 1, 2, 3, 4, 5) g;
  if delta is not null then perform budget_rollup_add(delta); end if;
  return null;
end
$$;`);
    this.addSql(
      `create trigger budget_rollup_project after update on "project" referencing old table as old_rows new table as new_rows for each statement execute function budget_rollup_on_project();`,
    );
    // What is there already.
    this.addSql(`insert into budget_rollup (fiscal_division_code, department_id, budget_type, fiscal_year, decision,
    budgets, requested, audited_budgets, audited, decided_budgets, decided_requested, approved)
  select p.fiscal_division_code, p.department_id, p.budget_type, b.fiscal_year, coalesce(b.decision, ''),
         count(*), sum(b.requested), count(b.audited), coalesce(sum(b.audited), 0), count(b.approved),
         coalesce(sum(b.requested) filter (where b.approved is not null), 0), coalesce(sum(b.approved), 0)
    from project_budget b join project p on p.id = b.project_id
   group by 1, 2, 3, 4, 5;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists budget_rollup_project on "project";`);
    this.addSql(`drop trigger if exists budget_rollup_insert on "project_budget";`);
    this.addSql(`drop trigger if exists budget_rollup_update on "project_budget";`);
    this.addSql(`drop trigger if exists budget_rollup_delete on "project_budget";`);
    this.addSql(`drop function if exists budget_rollup_on_project();`);
    this.addSql(`drop function if exists budget_rollup_on_budget();`);
    this.addSql(`drop function if exists budget_rollup_add(jsonb);`);
    this.addSql(`drop table if exists "budget_rollup";`);
  }
}

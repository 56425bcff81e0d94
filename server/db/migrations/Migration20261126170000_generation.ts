import { Migration } from '@mikro-orm/migrations';

/** The tables the dashboard aggregates read (budget_rollup follows project and project_budget). */
const AGGREGATED = [
  'fiscal_division',
  'department',
  'project',
  'project_budget',
  'performance_target',
  'target_indicator',
  'target_review',
  'ex_ante_assessment',
  'indicator',
  'indicator_category',
  'indicator_framework_node',
  'indicator_change_request',
];

/**
 * The data generation (数据版本): a counter that moves with every committed change to a table the aggregates read,
 * in the same transaction as the change. Any instance can then serve an aggregate it computed earlier as long as the
 * generation it read before computing is still the current one, and is never stale.
 *
 * The bump runs in a deferred constraint trigger, i.e. at commit, once per transaction (a transaction-local setting
 * remembers it): the counter's row is locked only for the instant of the commit, so writers do not queue behind
 * each other's whole transactions for it.
 */
export class Migration20261126170000_generation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "data_generation" (
  "id" smallint primary key,
  "generation" bigint not null
);`);
    this.addSql(`insert into "data_generation" ("id", "generation") values (1, 1);`);
    this.addSql(`create or replace function data_generation_bump() returns trigger language plpgsql as $$
begin
  if current_setting('yardstick.generation_bumped', true) is distinct from txid_current()::text then
    update data_generation set generation = generation + 1 where id = 1;
    perform set_config('yardstick.generation_bumped', txid_current()::text, true);
  end if;
  return null;
end $$;`);
    for (const table of AGGREGATED) {
      this.addSql(`create constraint trigger "${table}_generation" after insert or update or delete on "${table}"
  deferrable initially deferred for each row execute function data_generation_bump();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of AGGREGATED) this.addSql(`drop trigger if exists "${table}_generation" on "${table}";`);
    this.addSql('drop function if exists data_generation_bump();');
    this.addSql('drop table if exists "data_generation";');
  }
}

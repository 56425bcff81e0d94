import { Migration } from '@mikro-orm/migrations';

/**
 * Review events in commit order. A sequence alone hands out positions in the order transactions *insert*, not the
 * order they *commit*: with two writers, position 8 can become visible before 7, and a reader resuming "after 8"
 * would never see 7. So the position is assigned by a trigger that first takes a transaction-scoped advisory lock:
 * event writers queue from their first event to their commit (a millisecond or two at the end of a mutation), and
 * positions become visible strictly in increasing order. The trigger also raises a NOTIFY, delivered at commit, which
 * wakes every API instance listening on the same database.
 *
 * The positions come from a sequence of their own, drawn under the lock; the column keeps its serial default (the
 * ORM inserts through it and reads the row's final value back), but the trigger always replaces that value.
 */
export class Migration20261126140000_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "review_event_commit_order_seq" as bigint;`);
    this.addSql(
      `select setval('review_event_commit_order_seq', coalesce((select max("position") from "review_event"), 0) + 1, false);`,
    );
    this.addSql(`create or replace function review_event_in_commit_order() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7240517001);
  new.position := nextval('review_event_commit_order_seq');
  perform pg_notify('review_event', new.position::text);
  return new;
end
$$;`);
    this.addSql(
      `create trigger review_event_in_commit_order before insert on "review_event" for each row execute function review_event_in_commit_order();`,
    );
    this.addSql(
      `create index "review_event_division_position_index" on "review_event" ("fiscal_division_code", "position");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "review_event_division_position_index";`);
    this.addSql(`drop trigger if exists review_event_in_commit_order on "review_event";`);
    this.addSql(`drop function if exists review_event_in_commit_order();`);
    this.addSql(`drop sequence if exists "review_event_commit_order_seq";`);
  }
}

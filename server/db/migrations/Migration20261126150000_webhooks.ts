import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks: endpoints integrations register, one delivery row per (endpoint, event) with its attempts, and the
 * fan-out's cursor (a single row, locked by whichever instance fans out) starting at the newest event, so events
 * committed before webhooks existed are never sent.
 */
export class Migration20261126150000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_endpoint" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "owner_id" int not null, "url" varchar(2000) not null, "description" varchar(200) null, "secret" varchar(200) not null, "filter" jsonb not null, "active" boolean not null default true, "start_after_position" bigint not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "webhook_endpoint_fiscal_division_code_index" on "webhook_endpoint" ("fiscal_division_code");`,
    );
    this.addSql(`create index "webhook_endpoint_owner_id_index" on "webhook_endpoint" ("owner_id");`);

    this.addSql(
      `create table "webhook_delivery" ("id" bigserial primary key, "endpoint_id" int not null, "event_position" bigint not null, "event_type" varchar(50) not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "last_status_code" int null, "last_error" varchar(500) null, "created_at" timestamptz not null, "delivered_at" timestamptz null);`,
    );
    this.addSql(
      `create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_event_position_unique" unique ("endpoint_id", "event_position");`,
    );

    this.addSql(
      `create table "webhook_attempt" ("id" bigserial primary key, "delivery_id" bigint not null, "number" int not null, "started_at" timestamptz not null, "duration_ms" int not null, "status_code" int null, "error" varchar(500) null, "response_excerpt" varchar(500) null);`,
    );
    this.addSql(`create index "webhook_attempt_delivery_id_index" on "webhook_attempt" ("delivery_id");`);

    this.addSql(
      `create table "webhook_fanout" ("id" int not null, "position" bigint not null, constraint "webhook_fanout_pkey" primary key ("id"));`,
    );
    this.addSql(
      `insert into "webhook_fanout" ("id", "position") select 1, coalesce(max("position"), 0) from "review_event";`,
    );

    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_attempt" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "webhook_fanout" cascade;`);
  }
}

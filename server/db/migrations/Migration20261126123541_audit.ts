import { Migration } from '@mikro-orm/migrations';

export class Migration20261126123541_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "fiscal_division_code" varchar(9) not null, "subject_type" varchar(50) not null, "subject_id" varchar(40) not null, "department_id" int null, "action" varchar(50) not null, "actor_id" int null, "actor_login" varchar(50) null, "actor_roles" varchar(200) null, "changes" jsonb not null, "request_id" varchar(64) null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "audit_entry_fiscal_division_code_index" on "audit_entry" ("fiscal_division_code");`);
    this.addSql(`create index "audit_entry_department_id_index" on "audit_entry" ("department_id");`);
    this.addSql(
      `create index "audit_entry_subject_type_subject_id_index" on "audit_entry" ("subject_type", "subject_id");`,
    );

    this.addSql(
      `create table "review_event" ("position" bigserial primary key, "fiscal_division_code" varchar(9) not null, "type" varchar(50) not null, "subject_type" varchar(50) not null, "subject_id" varchar(40) not null, "department_id" int null, "project_id" int null, "target_id" int null, "actor_id" int null, "actor_login" varchar(50) null, "actor_roles" varchar(200) null, "from_state" varchar(40) null, "to_state" varchar(40) null, "payload" jsonb null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "review_event_fiscal_division_code_index" on "review_event" ("fiscal_division_code");`);
    this.addSql(`create index "review_event_type_index" on "review_event" ("type");`);
    this.addSql(`create index "review_event_department_id_index" on "review_event" ("department_id");`);
    this.addSql(`create index "review_event_project_id_index" on "review_event" ("project_id");`);
    this.addSql(`create index "review_event_target_id_index" on "review_event" ("target_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "review_event" cascade;`);
  }
}

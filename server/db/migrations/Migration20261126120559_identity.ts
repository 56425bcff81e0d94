import { Migration } from '@mikro-orm/migrations';

export class Migration20261126120559_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "app_setting" ("key" varchar(50) not null, "value" text not null, constraint "app_setting_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "login_throttle" ("login_name" varchar(50) not null, "failures" smallint not null, "last_failure_at" timestamptz not null, "locked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("login_name"));`,
    );
    this.addSql(`create index "login_throttle_last_failure_at_index" on "login_throttle" ("last_failure_at");`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "fiscal_division_code" varchar(9) not null, "login_name" varchar(50) not null, "display_name" varchar(50) not null, "password_hash" varchar(200) not null, "roles" text[] not null, "department_id" int null, "finance_division_id" int null, "email" varchar(100) null, "phone" varchar(30) null, "active" boolean not null default true, "password_changed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "app_user_fiscal_division_code_index" on "app_user" ("fiscal_division_code");`);
    this.addSql(`alter table "app_user" add constraint "app_user_login_name_unique" unique ("login_name");`);
    this.addSql(`create index "app_user_department_id_index" on "app_user" ("department_id");`);
    this.addSql(`create index "app_user_finance_division_id_index" on "app_user" ("finance_division_id");`);

    this.addSql(
      `create table "refresh_token" ("id" serial primary key, "user_id" int not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "refresh_token_user_id_index" on "refresh_token" ("user_id");`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `alter table "app_user" add constraint "app_user_fiscal_division_code_foreign" foreign key ("fiscal_division_code") references "fiscal_division" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_finance_division_id_foreign" foreign key ("finance_division_id") references "finance_division" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_user_id_foreign";`);

    this.addSql(`drop table if exists "app_setting" cascade;`);

    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "refresh_token" cascade;`);
  }
}

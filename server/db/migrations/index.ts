import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126110823_init } from './Migration20261126110823_init';
import { Migration20261126120559_identity } from './Migration20261126120559_identity';
import { Migration20261126123541_audit } from './Migration20261126123541_audit';
import { Migration20261126140000_events } from './Migration20261126140000_events';
import { Migration20261126150000_webhooks } from './Migration20261126150000_webhooks';
import { Migration20261126160000_dashboard } from './Migration20261126160000_dashboard';
import { Migration20261126170000_generation } from './Migration20261126170000_generation';

/** The migrations, in order. New migrations are created with `npm run migration:create` and listed here. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261126110823_init', class: Migration20261126110823_init },
  { name: 'Migration20261126120559_identity', class: Migration20261126120559_identity },
  { name: 'Migration20261126123541_audit', class: Migration20261126123541_audit },
  { name: 'Migration20261126140000_events', class: Migration20261126140000_events },
  { name: 'Migration20261126150000_webhooks', class: Migration20261126150000_webhooks },
  { name: 'Migration20261126160000_dashboard', class: Migration20261126160000_dashboard },
  { name: 'Migration20261126170000_generation', class: Migration20261126170000_generation },
];

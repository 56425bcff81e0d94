import 'reflect-metadata';
import { createTestDatabase, type TestDatabase } from './testDatabase';

declare global {
  var __yardstickTestDb: TestDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  const db = await createTestDatabase();
  globalThis.__yardstickTestDb = db;
  // Workers are started after global setup and inherit this variable.
  process.env.YARDSTICK_TEST_DB_URL = db.url;
  process.stdout.write(`\ntest database: ${db.kind}\n`);
}

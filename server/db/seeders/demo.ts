import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

export async function loadDemoData(_em: EntityManager, _log: Logger): Promise<boolean> {
  return false;
}

/**
 * Messages that belong to one screen live beside it (admin/src/resources/<resource>/messages.ts exports
 * `{ zh, en }`) and are merged here, so screens can be added without editing the shared dictionaries.
 */
import * as dashboardMessages from '../dashboard/messages';
import * as departmentMessages from '../resources/departments/messages';
import * as indicatorChangeRequestMessages from '../resources/indicatorChangeRequests/messages';
import * as indicatorImportMessages from '../resources/indicators/importMessages';
import * as indicatorMessages from '../resources/indicators/messages';
import * as targetMessages from '../resources/performanceTargets/messages';
import * as projectMessages from '../resources/projects/messages';
import * as userMessages from '../resources/users/messages';

type Tree = { [key: string]: string | Tree };

export interface ScreenMessages {
  readonly zh: Tree;
  readonly en: Tree;
}

/** Every screen's own messages; one line per screen. */
export const SCREEN_MESSAGES: readonly ScreenMessages[] = [
  indicatorMessages,
  indicatorChangeRequestMessages,
  departmentMessages,
  projectMessages,
  targetMessages,
  userMessages,
  dashboardMessages,
  indicatorImportMessages,
];

/** Deep merge of message trees: later trees add keys and override leaves. */
export function mergeMessages<T extends object>(base: T, ...more: Tree[]): T {
  const out: Tree = { ...(base as Tree) };
  for (const tree of more) {
    for (const [key, value] of Object.entries(tree)) {
      const current = out[key];
      out[key] = typeof value === 'object' && typeof current === 'object' ? mergeMessages(current, value) : value;
    }
  }
  return out as T;
}

import type { TranslationMessages } from 'react-admin';
import { raChinese } from './ra-zh';
import { mergeMessages, SCREEN_MESSAGES } from './resources';
import { zhDomain } from './zh-domain';

/** Simplified Chinese, the default: react-admin's messages plus ours. */
export const zh: TranslationMessages = mergeMessages(
  { ...raChinese, ...zhDomain } as TranslationMessages,
  ...SCREEN_MESSAGES.map((m) => m.zh),
);

import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { enDomain } from './en-domain';
import { mergeMessages, SCREEN_MESSAGES } from './resources';

/** English: react-admin's messages plus ours. */
export const en: TranslationMessages = mergeMessages(
  { ...englishMessages, ...enDomain } as TranslationMessages,
  ...SCREEN_MESSAGES.map((m) => m.en),
);

import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { enDomain } from './en-domain';

/** English: react-admin's messages plus ours. */
export const en: TranslationMessages = { ...englishMessages, ...enDomain };

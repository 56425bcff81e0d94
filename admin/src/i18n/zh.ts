import type { TranslationMessages } from 'react-admin';
import { raChinese } from './ra-zh';
import { zhDomain } from './zh-domain';

/** Simplified Chinese, the default: react-admin's messages plus ours. */
export const zh: TranslationMessages = { ...raChinese, ...zhDomain };

import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { zh } from './zh';

const messages = { zh, en } as const;

/** Chinese by default, English switchable (LocalesMenuButton); the choice is remembered by react-admin's store. */
export const i18nProvider = polyglotI18nProvider((locale) => messages[locale as keyof typeof messages] ?? zh, 'zh', [
  { locale: 'zh', name: '简体中文' },
  { locale: 'en', name: 'English' },
]);

import type { ReactNode } from 'react';
import { AppBar, LocalesMenuButton, Layout as RaLayout, TitlePortal, useTranslate } from 'react-admin';

function Title() {
  const translate = useTranslate();
  return <span style={{ marginRight: '1em', whiteSpace: 'nowrap' }}>{translate('app.title')}</span>;
}

function ConsoleAppBar() {
  return (
    <AppBar toolbar={<LocalesMenuButton />}>
      <Title />
      <TitlePortal />
    </AppBar>
  );
}

/** The console's frame: the app title 预算绩效目标管理平台 and the language switch in the app bar. */
export function Layout({ children }: { children: ReactNode }) {
  return <RaLayout appBar={ConsoleAppBar}>{children}</RaLayout>;
}

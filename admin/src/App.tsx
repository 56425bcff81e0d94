/**
 * The bureau's console. To add a resource:
 * 1. admin/src/resources/<resource>/ (folder name = the react-admin resource name = the API's list query, e.g.
 *    `indicators`), with named-export components and an index.ts exporting `export const <resource>: ResourceProps`.
 * 2. Its selected fields in admin/src/dataProvider/fields.ts (restricted fields name the permission they need).
 * 3. Its actions → permissions in admin/src/access.ts (canAccess hides menus and buttons; the server decides).
 * 4. Labels: resources.<resource>.fields.<field> and enums.<EnumName>.<VALUE> in i18n/zh-domain.ts and en-domain.ts;
 *    no literal strings in components. Money: format.ts toWanYuan (the API sends yuan).
 * 5. One import and one entry in RESOURCES below. Workflow actions use mutationMode="pessimistic".
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { Admin, CustomRoutes, type DataProvider, Loading, Resource, type ResourceProps } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { createDataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { Layout } from './Layout';
import { departments } from './resources/departments';
import { indicatorCategories } from './resources/indicatorCategories';
import { indicatorChangeRequests } from './resources/indicatorChangeRequests';
import { indicators } from './resources/indicators';
import { performanceTargets } from './resources/performanceTargets';
import { projects } from './resources/projects';
import { users } from './resources/users';

/** The heavy screens load on demand, so sign-in does not wait for them: the dashboard (recharts), the import page. */
const DashboardScreen = lazy(() => import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));
const ImportScreen = lazy(() =>
  import('./resources/indicators/ImportExport').then((m) => ({ default: m.IndicatorImport })),
);

function Dashboard() {
  return (
    <Suspense fallback={<Loading />}>
      <DashboardScreen />
    </Suspense>
  );
}

function IndicatorImport() {
  return (
    <Suspense fallback={<Loading />}>
      <ImportScreen />
    </Suspense>
  );
}

/** Every resource of the console, in menu order. */
export const RESOURCES: readonly ResourceProps[] = [
  indicators,
  indicatorChangeRequests,
  indicatorCategories,
  departments,
  projects,
  performanceTargets,
  users,
];

export function App() {
  const [dataProvider, setDataProvider] = useState<DataProvider | null>(null);
  useEffect(() => {
    void createDataProvider().then(setDataProvider);
  }, []);
  if (!dataProvider) return null;
  return (
    <Admin
      disableTelemetry
      title="预算绩效目标管理平台"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      dashboard={Dashboard}
      requireAuth
    >
      {RESOURCES.map((r) => (
        <Resource key={r.name} {...r} />
      ))}
      <CustomRoutes>
        <Route path="/indicators/import" element={<IndicatorImport />} />
      </CustomRoutes>
    </Admin>
  );
}

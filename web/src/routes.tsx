import { lazy, Suspense, type ComponentType } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { Layout } from './components/layout';
import { Loading } from './components/status';
import { CataloguePage } from './pages/catalogue';
import { NotFoundPage } from './pages/notFound';
import { ShowPage } from './pages/show';
import { SignInPage, SignUpPage } from './pages/signIn';

/** A page loaded when first visited: a viewer never downloads the studio's or the reviewers' code. */
const later = (load: () => Promise<ComponentType>) => {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading what="the page" />}>
      <Page />
    </Suspense>
  );
};

// Declarative routing (useRoutes): the app loads no data through the router, and its data-router half is ~18 kB
// gzipped that every viewer would download for nothing.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <CataloguePage /> },
      { path: '/shows/:showId', element: <ShowPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/premium', element: later(() => import('./pages/premium').then((m) => m.PremiumPage)) },
      { path: '/studio', element: later(() => import('./pages/studio').then((m) => m.MyShowsPage)) },
      { path: '/studio/upload', element: later(() => import('./pages/upload').then((m) => m.UploadPage)) },
      { path: '/reviews', element: later(() => import('./pages/reviews').then((m) => m.ReviewsPage)) },
      { path: '/insights', element: later(() => import('./pages/insights').then((m) => m.InsightsPage)) },
      { path: '/admin/users', element: later(() => import('./pages/adminUsers').then((m) => m.AdminUsersPage)) },
      { path: '/admin/needs-a-hand', element: later(() => import('./pages/adminNeedsHand').then((m) => m.AdminNeedsHandPage)) },
      { path: '/admin/stream-dead-letters', element: later(() => import('./pages/adminDeadLetters').then((m) => m.AdminDeadLettersPage)) },
      { path: '/noc', element: later(() => import('./pages/noc').then((m) => m.NocPage)) },
      { path: '/noc/alert-rules', element: later(() => import('./pages/nocAlertRules').then((m) => m.AlertRulesPage)) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const AppRoutes = () => useRoutes(routes);

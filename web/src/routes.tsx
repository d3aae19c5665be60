import { createBrowserRouter } from 'react-router';
import { Layout } from './components/layout';
import { AdminNeedsHandPage } from './pages/adminNeedsHand';
import { AdminUsersPage } from './pages/adminUsers';
import { CataloguePage } from './pages/catalogue';
import { InsightsPage } from './pages/insights';
import { NocPage } from './pages/noc';
import { AlertRulesPage } from './pages/nocAlertRules';
import { NotFoundPage } from './pages/notFound';
import { PremiumPage } from './pages/premium';
import { ReviewsPage } from './pages/reviews';
import { ShowPage } from './pages/show';
import { SignInPage, SignUpPage } from './pages/signIn';
import { MyShowsPage } from './pages/studio';
import { UploadPage } from './pages/upload';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <CataloguePage /> },
      { path: '/shows/:showId', element: <ShowPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/premium', element: <PremiumPage /> },
      { path: '/studio', element: <MyShowsPage /> },
      { path: '/studio/upload', element: <UploadPage /> },
      { path: '/reviews', element: <ReviewsPage /> },
      { path: '/insights', element: <InsightsPage /> },
      { path: '/admin/users', element: <AdminUsersPage /> },
      { path: '/admin/needs-a-hand', element: <AdminNeedsHandPage /> },
      { path: '/noc', element: <NocPage /> },
      { path: '/noc/alert-rules', element: <AlertRulesPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

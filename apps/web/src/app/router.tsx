import { createBrowserRouter } from 'react-router';
import { LoadingState } from '../components/feedback/LoadingState';
import { RouteError } from './layout/RouteError';
import { publicRoutes, signedInRoutes } from './routes';
import { SignedInLayout } from './layout/SignedInLayout';

/** Public pages (login, setup), then everything else behind the session guard and the shell. */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    HydrateFallback: LoadingState,
    children: [
      ...publicRoutes,
      { element: <SignedInLayout />, errorElement: <RouteError />, children: signedInRoutes },
    ],
  },
]);

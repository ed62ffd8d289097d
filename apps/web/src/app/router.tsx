import { createBrowserRouter } from 'react-router';
import { LoadingState } from '../components/feedback/LoadingState';
import { queryClient } from '../lib/query-client';
import { RouteError } from './layout/RouteError';
import { publicRoutes, signedInRoutes } from './routes';
import { SignedInLayout } from './layout/SignedInLayout';
import { warmSession } from './session-loader';

/** Public pages (login, setup), then everything else behind the session guard and the shell. */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    HydrateFallback: LoadingState,
    children: [
      ...publicRoutes,
      {
        element: <SignedInLayout />,
        errorElement: <RouteError />,
        // Who is signed in, asked as the router starts: alongside the UI strings, not after.
        loader: () => {
          void warmSession(queryClient);
          return null;
        },
        children: signedInRoutes,
      },
    ],
  },
]);

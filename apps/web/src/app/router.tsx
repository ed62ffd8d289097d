import { createBrowserRouter } from 'react-router';
import { LoadingState } from '../components/feedback/LoadingState';
import { queryClient } from '../lib/query-client';
import { RouteError } from './layout/RouteError';
import { preloadRecordPageCodeAt, prefetchRecordPageAt } from './record-prefetch';
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
        // An app started on a record page (its route has neither loader nor lazy code): the
        // page's code at once, its answers once someone is signed in.
        loader: ({ request }) => {
          const path = new URL(request.url).pathname;
          preloadRecordPageCodeAt(path);
          void warmSession(queryClient).then((me) => me && prefetchRecordPageAt(path));
          return null;
        },
        // Only as the app starts: run again on a navigation (the URL's search changed), it put
        // the router in its loading state, and the page being left rendered once more first.
        shouldRevalidate: () => false,
        children: signedInRoutes,
      },
    ],
  },
]);

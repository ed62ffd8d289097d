import type { LoaderFunctionArgs, Params, RouteObject } from 'react-router';
// The hooks' modules, not the features' index: the index would pull its pages into the shell.
import { prefetchBoard } from '../features/board/hooks/board-queries';
import { prefetchViewRecords } from '../features/records/hooks/useViewRecords';
import { afterFirstRows } from '../lib/load/after-first-rows';
import { queryClient } from '../lib/query-client';
import { recordKeys } from '../lib/records/keys';
import { RecordRoute } from './record-route';
import { preloadRecordSlots } from './record-slots';
import { loadRecordsFeature } from './records-feature';
import { warmSession } from './session-loader';

/**
 * A loader that asks for a page's data once someone is signed in, without holding up the
 * navigation (it answers at once; the page reads the data from the query cache).
 */
const signedInLoader =
  (prefetch: (args: { params: Params; url: URL }) => Promise<void>) =>
  ({ params, request }: LoaderFunctionArgs) => {
    void warmSession(queryClient)
      .then((me) => (me ? prefetch({ params, url: new URL(request.url) }) : undefined))
      .catch(() => undefined);
    return null;
  };

/**
 * The route table. Each feature's pages load as their own chunk; a new feature adds its routes
 * here (and, if it belongs in the menu, an entry in ./navigation). Routes compose features:
 * features never import each other.
 */
export const publicRoutes: RouteObject[] = [
  {
    path: '/login',
    lazy: () => import('../features/auth').then((m) => ({ Component: m.LoginPage })),
  },
  {
    path: '/setup',
    lazy: () => import('../features/auth').then((m) => ({ Component: m.SetupPage })),
  },
];

export const signedInRoutes: RouteObject[] = [
  {
    index: true,
    lazy: () => import('../features/workbench').then((m) => ({ Component: m.WorkbenchPage })),
  },
  {
    path: 'records/:entity',
    loader: ({ params, request }) => {
      // The record a rep opens next from the list: its code and its buttons' chunk load right
      // after the list's rows are painted (they are not on the list's path), ready for the route
      // when a row is clicked.
      afterFirstRows(() => {
        preloadRecordSlots();
        void loadRecordsFeature().catch(() => undefined);
      }, 'painted');
      const url = new URL(request.url);
      const rows = () => prefetchViewRecords(queryClient, params.entity!, url.searchParams);
      // A URL naming its view needs nothing but the session for its rows: they are asked beside
      // `/me`, not one round trip after it. Nobody signed in: the refused answers are dropped,
      // so the list does not show them for a moment after sign-in.
      const early = url.searchParams.has('view') ? rows().catch(() => undefined) : null;
      void warmSession(queryClient)
        .then((me) => {
          if (!me)
            return void early?.then(() =>
              queryClient.removeQueries({ queryKey: recordKeys.lists() }),
            );
          return early ?? rows();
        })
        .catch(() => undefined);
      return null;
    },
    lazy: () => import('../features/records/list').then((m) => ({ Component: m.RecordListPage })),
  },
  {
    path: 'records/:entity/new',
    lazy: () =>
      import('../features/records/create').then((m) => ({ Component: m.CreateRecordPage })),
  },
  {
    // Neither lazy nor with a loader: a click on a record renders it at once (./record-route).
    path: 'records/:entity/:id',
    Component: RecordRoute,
  },
  {
    path: 'import/:entity',
    lazy: () => import('../features/import').then((m) => ({ Component: m.ImportPage })),
  },
  {
    path: 'inbox',
    lazy: () => import('../features/inbox').then((m) => ({ Component: m.InboxPage })),
  },
  {
    path: 'handovers',
    lazy: () => import('../features/ownership').then((m) => ({ Component: m.MyHandoversPage })),
  },
  {
    path: 'handovers/leave',
    lazy: () => import('../features/ownership').then((m) => ({ Component: m.RepLeavesPage })),
  },
  {
    path: 'people/:tab?',
    lazy: () => import('../features/people').then((m) => ({ Component: m.PeoplePage })),
  },
  {
    path: 'pool/:entity',
    lazy: () => import('../features/ownership').then((m) => ({ Component: m.PoolPage })),
  },
  {
    path: 'board/:view',
    loader: signedInLoader(({ params }) => prefetchBoard(queryClient, params.view!)),
    lazy: () => import('../features/board').then((m) => ({ Component: m.BoardPage })),
  },
  {
    path: 'dashboards/:key?',
    lazy: () => import('../features/dashboards').then((m) => ({ Component: m.DashboardPage })),
  },
  {
    path: 'automations/runs',
    lazy: () => import('../features/automations').then((m) => ({ Component: m.RunLogPage })),
  },
  {
    path: 'forms',
    lazy: () => import('../features/form-share').then((m) => ({ Component: m.PublicFormsPage })),
  },
  {
    path: 'forms/:form/share',
    lazy: () => import('../features/form-share').then((m) => ({ Component: m.FormSharePage })),
  },
  {
    path: 'builder/*',
    lazy: () => import('../features/builder').then((m) => ({ Component: m.BuilderPage })),
  },
  {
    path: '*',
    lazy: () => import('./layout/NotFoundPage').then((m) => ({ Component: m.NotFoundPage })),
  },
];

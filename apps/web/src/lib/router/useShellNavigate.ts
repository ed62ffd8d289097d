import { useContext, useMemo } from 'react';
import { UNSAFE_DataRouterContext } from 'react-router';

type Navigate = (to: string, options?: { replace?: boolean }) => void;

/**
 * Navigates to an absolute path, for the pieces of the shell that stay on every page (menu,
 * search box, bell, user menu). Not react-router's `useNavigate`: it reads the route's context,
 * which changes with every navigation, so each of those pieces drew again in the click that
 * opens a record (the search box's select, the menu's items…). The data router itself, and so
 * this function, stays the same for the app's life.
 */
export function useShellNavigate(): Navigate {
  const router = useContext(UNSAFE_DataRouterContext)?.router;
  return useMemo<Navigate>(
    () => (to, options) => {
      if (!router) throw new Error('useShellNavigate is used outside the data router');
      void router.navigate(to, options);
    },
    [router],
  );
}

import { RouterProvider } from 'react-router';
import { AppProviders } from './providers/AppProviders';
import { router } from './router';

/** The signed-in app: providers around the route table. */
export function App() {
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  );
}

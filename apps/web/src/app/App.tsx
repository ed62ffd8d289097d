import { RouterProvider } from 'react-router/dom';
import { AppProviders } from './providers/AppProviders';
import { router } from './router';

/** The signed-in app: providers around the route table. */
export function App() {
  return (
    <AppProviders>
      {/*
        Navigations render at once, not in a transition: in one, React rendered the next page
        in 5 ms slices with a frame of the page being left between each, and a record opened
        from a list showed ~400 ms after the click although its answer had come in 20–30.
      */}
      <RouterProvider router={router} useTransitions={false} />
    </AppProviders>
  );
}

import { RouterProvider } from 'react-router/dom';
import { AppProviders } from './providers/AppProviders';
import { RecordPageStylesAhead } from './record-styles';
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
      {/*
        Beside the router, not in its pages: a navigation changes the router's contexts, and
        React then searches every subtree under them that did not render again for readers of
        those contexts — at a record's click, these ~180 pieces' too.
      */}
      <RecordPageStylesAhead />
    </AppProviders>
  );
}

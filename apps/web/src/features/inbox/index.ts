export { InboxPage } from './components/InboxPage';

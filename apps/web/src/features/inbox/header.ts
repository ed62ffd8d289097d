// The header's piece of the inbox, apart from the page so the page stays its own lazy chunk.
export { InboxBell } from './components/InboxBell';

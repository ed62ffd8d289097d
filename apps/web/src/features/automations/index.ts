export { RunLogPage } from './components/RunLogPage';

export { WorkbenchPage } from './components/WorkbenchPage';

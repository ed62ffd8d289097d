export { BoardPage } from './components/BoardPage';

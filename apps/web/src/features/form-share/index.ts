import './messages';

export { FormSharePage } from './components/FormSharePage';

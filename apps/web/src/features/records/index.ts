export { RecordListPage } from './components/RecordListPage';
export { RecordPage } from './components/RecordPage';
export { CreateRecordPage } from './components/CreateRecordPage';
export { recordPagePieces } from './components/RecordPageStyles';

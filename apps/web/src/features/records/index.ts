// The list has an entry of its own (./list): its route needs none of the record page's code.
export { RecordPage } from './components/RecordPage';
export { CreateRecordPage } from './components/CreateRecordPage';
export { recordPagePieces } from './components/RecordPageStyles';

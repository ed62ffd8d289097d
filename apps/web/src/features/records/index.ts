// The list has an entry of its own (./list): its route needs none of the record page's code;
// so has the create form (./create): the record page needs the form runtime only once edited.
export { RecordPage } from './components/RecordPage';
export { recordPagePieces } from './components/RecordPageStyles';

export * from './triggers';
export * from './actions';
export * from './automation';

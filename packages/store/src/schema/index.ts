export * from './auth';
export * from './spec';
export * from './records';
export * from './jobs';
export * from './intake';
export * from './views';
export * from './imports';
export * from './exports';

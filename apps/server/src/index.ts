export { createApp } from './app';
export type { ServerOptions, ServerContext, Limits } from './context';
export type { ServerEngine } from './engine-port';
export type { Actor, AppEnv, CurrentUser } from './types';
export { hashPassword, verifyPassword, generatePassword } from './auth/password';
export { pickLocale } from './http/locale';

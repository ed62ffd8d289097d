export { LoginPage } from './components/LoginPage';
export { SetupPage } from './components/SetupPage';
export { ChangePasswordDialog } from './components/ChangePasswordDialog';

// The React form runtime shared by the web app and the public form pages.
export { createFormRuntime, fieldDefaults, stageRequires } from './core/runtime';
export type { FormRuntime, RuntimeOptions } from './core/runtime';
export {
  providePrecompiledValidator,
  runtimeFor,
  specModelOf,
  type FormRef,
} from './core/spec-cache';
export { formMessage, FORM_MESSAGE_KEYS, type FormMessageKey } from './core/messages';
export { formatMoney, fromMinorUnits, minorDigits, toMinorUnits } from './core/money';
export { placeErrors, problemErrors, type PlacedErrors } from './core/server-errors';
export { localDraft, type DraftStore } from './core/draft';
export { RecordForm, type RecordFormProps } from './react/RecordForm';
export { RecordFormView, type RecordFormViewProps } from './react/RecordFormView';
export type { SubmitHandler, SubmitOutcome } from './react/useSubmit';
export type {
  ActionsProps,
  FieldFrameProps,
  FileRef,
  FormServices,
  NoticeProps,
  RecordOption,
  SectionFrameProps,
  Widget,
  WidgetProps,
  WidgetSet,
} from './react/widget-types';
export { desktopWidgets } from './widgets/desktop/index';
export { lightWidgets } from './widgets/light/index';
export { displayValue } from './widgets/shared/display';

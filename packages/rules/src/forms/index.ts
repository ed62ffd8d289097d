export { formLayout, type FormLayout, type LayoutSection, type Placement } from './layout';
export {
  evaluateFormState,
  fieldState,
  holds,
  sectionShown,
  type ConditionContext,
  type FieldState,
  type FormState,
} from './form-state';
export { formDependencies } from './dependencies';
export { checkForm, checkFormRules, type FormCheck, type FormCheckOptions } from './check-form';
export {
  publicFieldKeys,
  publicFormProjection,
  type PublicForm,
  type PublicFormPage,
} from './public-form';

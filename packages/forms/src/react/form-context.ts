import { createContext, useContext } from 'react';
import type { Locale, RecordData } from '@trellis/rules';
import type { FormStore } from '../core/form-store';
import type { FormRuntime } from '../core/runtime';
import type { FormServices, WidgetSet } from './widget-types';

/** What every field of one RecordForm shares (stable for the life of the form). */
export type FormScope = {
  runtime: FormRuntime;
  widgets: WidgetSet;
  locale: Locale;
  services: FormServices;
  idPrefix: string;
  /** The whole form is read-only (viewing, or no update right). */
  readOnly: boolean;
  /** Fields the host hides (role permissions): never rendered. */
  hidden: ReadonlySet<string>;
  /** The stored record when editing: formulas and conditions read it under the inputs. */
  current: RecordData | null;
  /** The fields the form renders when it mounts (`firstScreenKeys`); the rest come after its first frame. */
  firstScreen: ReadonlySet<string>;
  /** Values and errors, with a subscription per field. */
  store: FormStore;
  /** A field's value changed (after the first submit its errors are checked again). */
  changed(key: string): void;
};

export const FormScopeContext = createContext<FormScope | null>(null);

/** Whether the fields past the first screen are rendered yet (`useRestShown`). */
export const RestShownContext = createContext(true);

/** The scope of the enclosing RecordForm. */
export function useFormScope(): FormScope {
  const scope = useContext(FormScopeContext);
  if (!scope) throw new Error('A form field must be rendered inside RecordForm');
  return scope;
}

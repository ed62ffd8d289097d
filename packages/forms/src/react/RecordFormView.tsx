import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import type { FieldError, Locale, RecordData } from '@trellis/rules';
import { createFormStore } from '../core/form-store';
import { firstScreenFields, firstScreenKeys } from '../core/first-screen';
import type { FormRuntime } from '../core/runtime';
import { formMessage } from '../core/messages';
import { flushSync } from 'react-dom';
import { FormScopeContext, RestShownContext, type FormScope } from './form-context';
import { FormSections } from './FormSections';
import { FormSummary } from './FormSummary';
import { useDraft, useSavedDraft } from './useDraft';
import { useDrawAhead } from './useDrawAhead';
import { useRestShown } from './useRestShown';
import { fieldErrors, useSubmit, type SubmitHandler } from './useSubmit';
import type { FormServices, WidgetSet } from './widget-types';

export type RecordFormViewProps = {
  runtime: FormRuntime;
  widgets: WidgetSet;
  locale: Locale;
  /** Values the inputs start with (a record being edited, or prefilled values). */
  initialValues?: RecordData;
  /** The stored record when editing (formulas and conditions read it; defaults do not apply). */
  current?: RecordData | null;
  onSubmit: SubmitHandler;
  /** Called after a submit the host accepted (no errors answered). */
  onSubmitted?: () => void;
  submitLabel?: string;
  /** The whole form read-only (no update right); fields read-only by role go to the runtime. */
  readOnly?: boolean;
  /** Fields the host hides (role permissions): not rendered, not submitted. */
  hidden?: readonly string[];
  /** Keep a local draft under this key until the form is submitted (long forms). */
  draftKey?: string;
  services?: FormServices;
  /** Errors to show when the form opens (e.g. a refused stage move). */
  errors?: readonly FieldError[];
  footer?: ReactNode;
  /** Accessible name of the form. */
  ariaLabel?: string;
};

/**
 * Renders a form of the spec through a widget set, with the shared record rules: live
 * conditions and formulas, validation before submit, the server's errors on their fields,
 * focus on the first error, an optional local draft. Framework glue only; the rules live in
 * `@trellis/rules` and the runtime.
 */
export function RecordFormView(props: RecordFormViewProps) {
  const { runtime, widgets, locale, services, readOnly, hidden, current, initialValues } = props;
  const idPrefix = useId().replace(/:/g, '');
  const start = useMemo(
    () => (current ? { ...initialValues } : runtime.startValues(initialValues)),
    [runtime, current, initialValues],
  );
  const saved = useSavedDraft(props.draftKey);
  // Like an uncontrolled input: the values a form starts with are read when it mounts.
  const [store] = useState(() =>
    createFormStore(saved.saved ? { ...start, ...saved.saved } : start),
  );
  // Sized from the window and the values as the form mounts, then kept: a resize or a condition
  // that shows a field later renders no field again.
  const [firstScreen] = useState(() =>
    firstScreenKeys(
      runtime,
      firstScreenFields(runtime.layout, widgets.rows),
      current ?? null,
      store,
      new Set(hidden ?? []),
    ),
  );
  const scope = useMemo<FormScope>(() => {
    const next: FormScope = {
      runtime,
      widgets,
      locale,
      services: services ?? {},
      idPrefix: `tf${idPrefix}`,
      readOnly: readOnly === true,
      hidden: new Set(hidden ?? []),
      current: current ?? null,
      firstScreen,
      store,
      // After a refused submit, a change checks again the field and the fields whose rules read it.
      changed: (key) => {
        if (store.submitCount() === 0) return;
        const check = runtime.check(store.values(), locale, current ?? null);
        const keys = [key, ...(runtime.dependents.get(key) ?? [])];
        store.setErrors(fieldErrors(next, check, check.errors), keys);
      },
    };
    return next;
  }, [runtime, widgets, locale, services, idPrefix, readOnly, hidden, current, firstScreen, store]);
  const draft = useDraft(store, saved);
  const { onSubmitted } = props;
  const done = useCallback(() => {
    draft.clear();
    onSubmitted?.();
  }, [draft, onSubmitted]);
  const { submit, formErrors, busy } = useSubmit(scope, props.onSubmit, done);
  const rest = useRestShown(runtime.layout.byKey.size > firstScreen.size);
  const formRef = useRef<HTMLFormElement>(null);
  useDrawAhead(formRef, rest.shown);
  // A submit before the rest of a long form is shown renders it first: focus may go there.
  const submitAll = (event: FormEvent) => {
    if (!rest.shown) flushSync(rest.showRest);
    return submit(event);
  };
  const { Notice, Actions, Root } = widgets;
  const body = (
    <FormScopeContext.Provider value={scope}>
      <form
        ref={formRef}
        noValidate
        aria-label={props.ariaLabel}
        className={`trellis-form trellis-form-${widgets.name}`}
        onSubmit={submitAll}
      >
        {draft.restored && (
          <Notice
            kind="info"
            action={{
              label: formMessage(locale, 'discardDraft'),
              onClick: () => draft.discard(start),
            }}
          >
            {formMessage(locale, 'draftRestored')}
          </Notice>
        )}
        <RestShownContext.Provider value={rest.shown}>
          <FormSections />
        </RestShownContext.Provider>
        <FormSummary formErrors={[...(props.errors ?? []), ...formErrors]} />
        {!props.readOnly && (
          <Actions
            label={props.submitLabel ?? formMessage(locale, 'submit')}
            busy={busy}
            disabled={busy}
            locale={locale}
          />
        )}
        {props.footer}
      </form>
    </FormScopeContext.Provider>
  );
  return Root ? <Root locale={locale}>{body}</Root> : body;
}

import { formMessage } from '../../core/messages';
import type {
  ActionsProps,
  FieldFrameProps,
  NoticeProps,
  SectionFrameProps,
  WidgetProps,
} from '../../react/widget-types';

/** Label, input, help and error, stacked for a phone. */
export function LightFrame(p: FieldFrameProps) {
  const mark = p.required ? (
    <span className="tf-required" aria-hidden="true">
      *
    </span>
  ) : null;
  const texts = (
    <>
      {p.help && (
        <p id={p.helpId} className="tf-help">
          {p.help}
        </p>
      )}
      {p.error && (
        <p id={p.errorId} className="tf-error">
          {p.error}
        </p>
      )}
    </>
  );
  const style = p.span > 1 ? { gridColumn: `span ${p.span}` } : undefined;
  // A group's fieldset sits inside the field's box, never as the box itself: a fieldset left
  // `content-visibility: auto` (a far field not drawn yet) still cost the grid a layout of it on
  // every keystroke anywhere in the form (at 1,000 fields, most of a keystroke's layout).
  const body = p.group ? (
    <fieldset className="tf-group">
      <legend className="tf-label">
        {p.label}
        {mark}
      </legend>
      {p.children}
      {texts}
    </fieldset>
  ) : (
    <>
      <label htmlFor={p.id} className="tf-label">
        {p.label}
        {mark}
      </label>
      {p.children}
      {texts}
    </>
  );
  return (
    <div
      className="tf-field"
      style={style}
      data-tf-field={p.far ? 'far' : ''}
      data-invalid={p.error ? '' : undefined}
    >
      {body}
    </div>
  );
}

export function LightSection(p: SectionFrameProps) {
  return (
    <section className="tf-section">
      {p.title && <h2 className="tf-section-title">{p.title}</h2>}
      {p.description && <p className="tf-section-description">{p.description}</p>}
      <div className="tf-grid" style={{ ['--tf-columns' as string]: p.columns }}>
        {p.children}
      </div>
    </section>
  );
}

export function LightActions(p: ActionsProps) {
  return (
    <div className="tf-actions">
      <button
        type="submit"
        className="tf-submit"
        disabled={p.disabled}
        aria-busy={p.busy || undefined}
      >
        {p.busy ? formMessage(p.locale, 'submitting') : p.label}
      </button>
    </div>
  );
}

export function LightNotice(p: NoticeProps) {
  return (
    <div className={`tf-notice tf-notice-${p.kind}`}>
      <div className="tf-notice-body">{p.children}</div>
      {p.action && (
        <button type="button" className="tf-link" onClick={p.action.onClick}>
          {p.action.label}
        </button>
      )}
    </div>
  );
}

export function LightUnsupported(p: WidgetProps) {
  return (
    <p id={p.id} className="tf-help">
      {formMessage(p.locale, 'notAvailable')}
    </p>
  );
}

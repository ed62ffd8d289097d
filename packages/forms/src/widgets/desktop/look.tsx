import { createContext, useContext, useMemo, type ReactNode } from 'react';
// Ant Design's own token hook: unlike the public `theme.useToken` it tells the CSS-variable
// scope class its components carry and whether styles are static (zeroRuntime).
import { useToken } from 'antd/es/theme/internal';
import { StyleContext } from '@ant-design/cssinjs';
import { isLookKept, RegisterLook, useKeepLook } from './keep-look';

/**
 * The classes Ant Design puts on its own inputs in this tree (its CSS-variable scope and, when
 * hashed, its hash), so plain elements drawn with Ant Design's class names look exactly like its
 * components. This needs Ant Design's static stylesheet (`antd/dist/antd.css`, with
 * `theme.zeroRuntime`), the set-up the package requires for the desktop set.
 */
export type AntLook = {
  scope: string;
  /**
   * Ant Design's styles come from its static stylesheet (zeroRuntime). Otherwise its styles are
   * injected only when one of its components mounts, so stand-ins would be unstyled: the desktop
   * set then mounts the components themselves.
   */
  static: boolean;
};

const LookContext = createContext<AntLook>({ scope: 'css-var-root', static: false });

/**
 * Reads the tree's Ant Design theme once for the whole form (not per input) and makes sure the
 * stand-ins' CSS variables are registered: by this form the first time, then kept for the page.
 */
export function AntLookProvider({ children }: { children: ReactNode }) {
  const [, realToken, hashId, , cssVar, zeroRuntime] = useToken();
  const key = cssVar?.key ?? 'css-var-root';
  const theme = `${key} ${(realToken as { _tokenKey?: string })._tokenKey ?? ''}`;
  const kept = isLookKept(useContext(StyleContext), theme);
  useKeepLook(zeroRuntime ? theme : null);
  const look = useMemo(
    () => ({ scope: [key, hashId].filter(Boolean).join(' '), static: zeroRuntime }),
    [key, hashId, zeroRuntime],
  );
  return (
    <LookContext.Provider value={look}>
      {!kept && <RegisterLook />}
      {children}
    </LookContext.Provider>
  );
}

export const useAntLook = () => useContext(LookContext);

/**
 * Ant Design's outlined-input classes for component `name` (`input`, `select`, …), without the
 * classes that carry its CSS variables: those are on the section around the inputs, once
 * (`antVariables`).
 */
export function antClasses(name: string, opts: { invalid?: boolean; extra?: string } = {}): string {
  const p = `ant-${name}`;
  return [p, opts.extra, `${p}-outlined`, opts.invalid ? `${p}-status-error` : '']
    .filter(Boolean)
    .join(' ');
}

/**
 * The classes that declare Ant Design's CSS variables (the theme's ~400 tokens, then each input
 * component's own) for the inputs the desktop set draws, for one element around them. Ant
 * Design puts them on every component it renders, so each input declared all of them again: at
 * 50 fields most of the browser's style work. Declared once above the fields, they are
 * inherited with the same values. Their few other rules (box-sizing, the Select's and
 * DatePicker's font) reach the inputs the same way: through descendant rules, and the font by
 * inheritance.
 */
export function antVariables(look: AntLook): string {
  return [
    look.scope,
    'ant-input-css-var',
    'ant-input-number-css-var',
    'ant-select-css-var',
    'ant-picker-css-var',
  ].join(' ');
}

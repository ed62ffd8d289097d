import { useContext, useEffect, type ContextType, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { StyleContext } from '@ant-design/cssinjs';
import { ConfigProvider } from 'antd';
import { DesignTokenContext } from 'antd/es/theme/internal';
import useInputStyle from 'antd/es/input/style';
import useInputNumberStyle from 'antd/es/input-number/style';
import useSelectStyle from 'antd/es/select/style';
import usePickerStyle from 'antd/es/date-picker/style';
import useAlertStyle from 'antd/es/alert/style';
import useButtonStyle from 'antd/es/button/style';
import useCascaderStyle from 'antd/es/cascader/style';
import useRadioStyle from 'antd/es/radio/style';
import useSpaceStyle from 'antd/es/space/style';
import useSwitchStyle from 'antd/es/switch/style';
import useTagStyle from 'antd/es/tag/style';
import useTypographyStyle from 'antd/es/typography/style';

/**
 * Registers the CSS variables of the components the stand-ins draw (Input, InputNumber, Select,
 * DatePicker: their paddings, heights), which they need before any of those components has
 * mounted. With static styles (zeroRuntime) these hooks only register the variables.
 */
export function RegisterLook() {
  useInputStyle('ant-input', 'ant-input-css-var');
  useInputNumberStyle('ant-input-number', 'ant-input-number-css-var');
  useSelectStyle('ant-select', 'ant-select-css-var');
  usePickerStyle('ant-picker', 'ant-picker-css-var');
  return null;
}

/** The same for the other Ant Design components of the desktop set, as each of them calls it. */
function RegisterWidgets() {
  useAlertStyle('ant-alert');
  useButtonStyle('ant-btn');
  useCascaderStyle('ant-cascader', 'ant-cascader-css-var');
  useRadioStyle('ant-radio', 'ant-radio-css-var');
  useSpaceStyle('ant-space');
  useSwitchStyle('ant-switch');
  useTagStyle('ant-tag');
  useTypographyStyle('ant-typography');
  return null;
}

// Ant Design computes a theme's tokens and writes its CSS variables when the first component
// using them mounts, and frees both when the last one unmounts; the next mount computes them
// again and writes the style tags again (a style recalculation of the whole page). A page that
// opens and closes forms paid that on every form. One detached React root per theme, under the
// same contexts, keeps them registered for the life of the page; forms then find them. A theme
// is a ConfigProvider with its own `theme`: an app has one or two, so a few are kept, the
// oldest let go beyond that (a page that mounts a new themed provider per form does not leak).
const MAX_KEPT = 4;
const kept = new WeakMap<object, Map<string, Root>>();

function Keeper({ contexts, children }: { contexts: Contexts; children: ReactNode }) {
  return (
    <StyleContext.Provider value={contexts.style}>
      <ConfigProvider.ConfigContext.Provider value={contexts.config}>
        <DesignTokenContext.Provider value={contexts.design}>
          {children}
        </DesignTokenContext.Provider>
      </ConfigProvider.ConfigContext.Provider>
    </StyleContext.Provider>
  );
}

type Contexts = {
  style: ContextType<typeof StyleContext>;
  config: ContextType<typeof ConfigProvider.ConfigContext>;
  design: ContextType<typeof DesignTokenContext>;
};

/** Whether the look of theme `key` is already kept alive in this style cache. */
export function isLookKept(style: Contexts['style'], key: string): boolean {
  return kept.get(style.cache)?.has(key) === true;
}

/**
 * After the first form of a theme has painted, keeps that theme's tokens and the stand-ins'
 * CSS variables registered for good (see above). `key` names the theme (its token key); null
 * keeps nothing (without static styles every input mounts its component anyway).
 */
export function useKeepLook(key: string | null): void {
  const style = useContext(StyleContext);
  const config = useContext(ConfigProvider.ConfigContext);
  const design = useContext(DesignTokenContext);
  useEffect(() => {
    if (key === null) return;
    let roots = kept.get(style.cache);
    if (!roots) kept.set(style.cache, (roots = new Map()));
    if (roots.has(key)) return;
    const root = createRoot(document.createElement('div'));
    root.render(
      <Keeper contexts={{ style, config, design }}>
        <RegisterLook />
        <RegisterWidgets />
      </Keeper>,
    );
    roots.set(key, root);
    for (const [oldest, was] of roots) {
      if (roots.size <= MAX_KEPT) break;
      roots.delete(oldest);
      setTimeout(() => was.unmount()); // not inside React's commit
    }
  }, [key, style, config, design]);
}

import { useContext, useState, type ComponentType, type ReactElement } from 'react';
import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import type { WidgetProps } from '../../react/widget-types';
import { useAntLook } from './look';

/**
 * How a stand-in was woken, weakest first: a pointer over it, focus in it, a press on it. A
 * press opens the live widget's list or calendar at once, because the press itself landed on
 * the stand-in (a tap, or a click faster than the hover's re-render) and the live widget never
 * saw it.
 */
type Wake = 'hover' | 'focus' | 'press';
const STRENGTH: Record<Wake, number> = { hover: 1, focus: 2, press: 3 };

/** A stand-in's props: the widget's, Ant Design's texts, the call that swaps it. */
export type FacadeProps = WidgetProps & {
  /** Ant Design's texts in the tree's language (the placeholder a live date picker shows). */
  antLocale: Locale | undefined;
  wake(how: Wake): void;
};

/**
 * Draws a stand-in. A plain function, not a component: it runs inside the upgrading widget's
 * render (one component less per field), so it calls no hook; what it needs of the tree's
 * context comes in `antLocale`.
 */
export type Facade = (p: FacadeProps) => ReactElement;

/** The real widget's props: those of any widget, plus whether to open (a press woke it). */
export type LiveProps = WidgetProps & { openOnMount?: boolean };

/**
 * A widget that mounts as `facade` — plain elements drawn with Ant Design's classes, the same
 * look at a fraction of the cost — and becomes the Ant Design widget `Live` the first time the
 * person points at it, focuses it (by keyboard, or focus moved to an error) or presses it. A
 * big form pays for Ant Design only in the fields someone uses. Focus moves to the live widget
 * when focus or a press woke it; a pointer wakes it before the click lands, so the click reaches
 * the live widget. `liveAtOnce` names fields that have no stand-in (radio groups).
 */
export function upgradeOnUse(
  facade: Facade,
  Live: ComponentType<LiveProps>,
  liveAtOnce?: (p: WidgetProps) => boolean,
): ComponentType<WidgetProps> {
  return function Upgrading(p: WidgetProps) {
    const [live, setLive] = useState<Wake | null>(null);
    const look = useAntLook();
    const antLocale = useContext(ConfigProvider.ConfigContext).locale;
    if (live || !look.static || liveAtOnce?.(p))
      return (
        <Live
          {...p}
          autoFocus={live === 'focus' || live === 'press' || p.autoFocus}
          openOnMount={live === 'press'}
        />
      );
    const wake = (how: Wake) =>
      setLive((was) => (was && STRENGTH[was] >= STRENGTH[how] ? was : how));
    return facade({ ...p, antLocale, wake });
  };
}

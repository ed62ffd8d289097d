import { useState, type ComponentType } from 'react';
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

/** A stand-in's props: the widget's, plus the call that swaps in the real widget. */
export type FacadeProps = WidgetProps & { wake(how: Wake): void };

/** The real widget's props: those of any widget, plus whether to open (a press woke it). */
export type LiveProps = WidgetProps & { openOnMount?: boolean };

/**
 * A widget that mounts as `Facade` — plain elements drawn with Ant Design's classes, the same
 * look at a fraction of the cost — and becomes the Ant Design widget `Live` the first time the
 * person points at it, focuses it (by keyboard, or focus moved to an error) or presses it. A
 * big form pays for Ant Design only in the fields someone uses. Focus moves to the live widget
 * when focus or a press woke it; a pointer wakes it before the click lands, so the click reaches
 * the live widget.
 */
export function upgradeOnUse(
  Facade: ComponentType<FacadeProps>,
  Live: ComponentType<LiveProps>,
): ComponentType<WidgetProps> {
  return function Upgrading(p: WidgetProps) {
    const [live, setLive] = useState<Wake | null>(null);
    const look = useAntLook();
    if (live || !look.static)
      return (
        <Live
          {...p}
          autoFocus={live === 'focus' || live === 'press' || p.autoFocus}
          openOnMount={live === 'press'}
        />
      );
    const wake = (how: Wake) =>
      setLive((was) => (was && STRENGTH[was] >= STRENGTH[how] ? was : how));
    return <Facade {...p} wake={wake} />;
  };
}

import { Grid } from 'antd';

/** True below Ant Design's `md` breakpoint (768 px): the phone layout. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

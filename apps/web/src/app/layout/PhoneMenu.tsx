import { Drawer } from 'antd';
import type { ReactNode } from 'react';
import { NavMenu } from './NavMenu';

/**
 * The menu at phone width: a drawer from the left. Its own chunk, loaded when the menu button
 * is first tapped — desktop never needs it and a phone's first screen does not either.
 */
export function PhoneMenu({
  open,
  onClose,
  title,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
}) {
  return (
    <Drawer
      placement="left"
      open={open}
      onClose={onClose}
      size={240}
      title={title}
      styles={{ body: { padding: 0 } }}
    >
      <NavMenu onNavigate={onClose} />
    </Drawer>
  );
}

import type { ThemeConfig } from 'antd';

/** Ant Design's tokens as they are, with the font stack Chinese desktops and phones carry. */
export const theme: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1677ff',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
};

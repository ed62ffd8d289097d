import type { ThemeConfig } from 'antd';

/** Ant Design's tokens as they are, with the font stack Chinese desktops and phones carry: Latin
 * faces first, so Latin letters and punctuation (’ “ ”) are not drawn full-width by a CJK face. */
export const theme: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1677ff',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
};

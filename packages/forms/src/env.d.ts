// Stylesheets imported by the widget sets are bundled by Vite; TypeScript only needs to know they exist.
declare module '*.css';

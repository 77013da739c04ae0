// Test-only: Vite's `?raw` suffix imports a file's text (used to check fixtures against data/seed).
declare module '*?raw' {
  const text: string;
  export default text;
}

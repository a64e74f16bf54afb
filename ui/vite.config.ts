import { defineConfig } from "vitest/config";

// The UI is served by Vite in development and embedded in the app from dist/ in builds.
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: "localhost" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline scripts or styles: the app's CSP allows only files from the app itself.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});

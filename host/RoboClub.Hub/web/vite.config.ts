import { defineConfig } from 'vite';

// Built into dist/, which dotnet build copies to the program's wwwroot folder (see RoboClub.Hub.csproj). Big libraries get their own chunks so the
// browser caches them across RoboClub updates.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: { main: 'index.html', kiosk: 'kiosk.html' },
      output: {
        codeSplitting: {
          groups: [
            { name: 'blockly', test: /node_modules[\\/]blockly/ },
            { name: 'codemirror', test: /node_modules[\\/](@codemirror|codemirror|@lezer|@replit)/ },
            { name: 'uplot', test: /node_modules[\\/]uplot/ },
            { name: 'signalr', test: /node_modules[\\/]@microsoft[\\/]signalr/ },
          ],
        },
      },
    },
  },
});

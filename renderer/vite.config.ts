// This is build configuration that runs in Node, not renderer code: the layering ban does not apply.
/* eslint-disable no-restricted-imports */
import {defineConfig} from 'vite'
import react from '@vitejs/plugin-react'
import {fileURLToPath} from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // The CSP allows fonts and images only from 'self': emit every asset as a file, never a data: URI.
    assetsInlineLimit: 0,
  },
})

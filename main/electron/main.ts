// Electron's entry (built to dist/main/electron.cjs): everything lives in desktop-app.ts.
import {startDesktopApp} from './desktop-app'

startDesktopApp()

import {Menu} from 'electron'
import type {MenuItemConstructorOptions} from 'electron'
import type {MenuCommand} from '../../shared/api/projects-contract'

/** What the menu items do: page commands go to the page, opening goes through the router. */
export interface MenuActions {
  /** Tell the page to carry out a command (find, settings, …). */
  send(command: MenuCommand): void
  /** Ask for a folder or a trace file with the system picker and open it. */
  open(kind: 'folder' | 'file'): void
}

/** Where the menu is built. */
export interface MenuContext {
  platform: NodeJS.Platform
  /** Developer tools only when not packaged. */
  isDev: boolean
  appName: string
}

/**
 * The native menu: the usual shortcuts, with Open, Reload, Find, zoom, and developer tools in dev
 * only. On macOS the app menu holds About, Settings and Quit; elsewhere File and Help do.
 */
export function menuTemplate(ctx: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin'
  const sep: MenuItemConstructorOptions = {type: 'separator'}
  const settings: MenuItemConstructorOptions = {
    label: mac ? 'Settings…' : '&Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.send('settings'),
  }
  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [
      {role: 'about'},
      sep,
      settings,
      sep,
      {role: 'services'},
      sep,
      {role: 'hide'},
      {role: 'hideOthers'},
      {role: 'unhide'},
      sep,
      {role: 'quit'},
    ],
  }
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: 'Open Project Folder…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.open('folder'),
      },
      {
        label: 'Open Trace File…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.open('file'),
      },
      sep,
      {
        label: 'Copy Link to Selection',
        accelerator: 'CmdOrCtrl+Shift+L',
        click: () => actions.send('copy-link'),
      },
      ...(mac ? [] : [sep, settings]),
      sep,
      mac ? {role: 'close'} : {role: 'quit'},
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      {role: 'undo'},
      {role: 'redo'},
      sep,
      {role: 'cut'},
      {role: 'copy'},
      {role: 'paste'},
      {role: 'selectAll'},
      sep,
      {label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => actions.send('find')},
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {role: 'reload'},
      {role: 'forceReload'},
      ...(ctx.isDev ? [{role: 'toggleDevTools'}] : []),
      sep,
      {
        label: 'Follow Latest Trace',
        accelerator: 'CmdOrCtrl+L',
        click: () => actions.send('follow-latest'),
      },
      sep,
      {role: 'resetZoom'},
      {role: 'zoomIn'},
      {role: 'zoomOut'},
      sep,
      {role: 'togglefullscreen'},
    ],
  }
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac
      ? [{role: 'minimize'}, {role: 'zoom'}, sep, {role: 'front'}]
      : [{role: 'minimize'}, {role: 'close'}],
  }
  const help: MenuItemConstructorOptions = {label: '&Help', submenu: [{role: 'about'}]}
  return mac ? [appMenu, file, edit, view, windowMenu] : [file, edit, view, windowMenu, help]
}

/** Build the menu and make it the application menu. */
export function installMenu(ctx: MenuContext, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(ctx, actions)))
}

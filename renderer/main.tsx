import '@fontsource/inter/400.css'
import '@fontsource/inter/500.css'
import '@fontsource/inter/600.css'
import '@fontsource/jetbrains-mono/400.css'
import '@fontsource/jetbrains-mono/600.css'
import './styles/theme.css'
import {StrictMode} from 'react'
import {createRoot} from 'react-dom/client'
import {connect} from './api/connect'
import {App} from './app/app'
import {createAppStore} from './state/app-store'
import {AppStoreProvider} from './state/use-app-store'

const store = createAppStore(connect())
void store.getState().start()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppStoreProvider store={store}>
        <App />
      </AppStoreProvider>
    </StrictMode>,
  )
}

import '@fontsource/inter/400.css'
import '@fontsource/inter/500.css'
import '@fontsource/inter/600.css'
import '@fontsource/jetbrains-mono/400.css'
import '@fontsource/jetbrains-mono/600.css'
import './styles/theme.css'
import {StrictMode} from 'react'
import {createRoot} from 'react-dom/client'
import {connect, initialLink} from './api/connect'
import {App} from './app/app'
import {ErrorBoundary} from './components/error-boundary'
import {createAppStore} from './state/app-store'
import {AppStoreProvider} from './state/use-app-store'

const store = createAppStore(connect())
const link = initialLink()
// A `?link=kolo-explorer://…` page opens what the link names; start() then keeps that project.
void (link === undefined ? Promise.resolve() : store.getState().openLink(link)).then(() =>
  store.getState().start(),
)

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary name="Kolo Explorer">
        <AppStoreProvider store={store}>
          <App />
        </AppStoreProvider>
      </ErrorBoundary>
    </StrictMode>,
  )
}

import { StrictMode, startTransition } from 'react'
import { createRoot } from 'react-dom/client'
import { loadPrefs } from './prefs'
import './styles.css'

// The app's own code is a second chunk, evaluated in its own task after React's, and the first
// render is a transition, which React renders in small slices: on a 2-core machine one 300 KB
// module and one synchronous first render were each a single 50–80 ms task at start-up.
// Preferences are read (asynchronously, from IndexedDB) while the app's code loads.
void Promise.all([import('./App'), import('./hooks/ApiContext'), import('./api/client'), loadPrefs()]).then(([{ App }, { ApiContext }, { createClient }]) => {
  const root = createRoot(document.getElementById('root')!)
  startTransition(() =>
    root.render(
      <StrictMode>
        <ApiContext.Provider value={createClient()}>
          <App />
        </ApiContext.Provider>
      </StrictMode>,
    ),
  )
})

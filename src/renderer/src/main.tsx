import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './api/client'
import { App } from './App'
import { ApiContext } from './hooks/ApiContext'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={createClient()}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
)

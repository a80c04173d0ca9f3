import './zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { keepFocusedFieldVisible } from './keep-focus-visible'
import './styles/theme.css'
import './styles/base.css'
import './styles/decks.css'
import './styles/sections.css'
import './styles/study.css'
import './styles/settings.css'
import './styles/transfer.css'

keepFocusedFieldVisible(window)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

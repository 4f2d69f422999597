import './index.css'

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router/dom'

import { takeEmbedLaunch } from './app/embed/launch'
import { readPageData } from './app/page-data'
import { AppProvider } from './app/provider'
import { createRouter } from './app/router'
import { applyTheme } from './lib/theme'

// Before the first render, so a chosen theme never flashes the other one.
applyTheme()

// Before the router reads the address: an embed token leaves it at once.
takeEmbedLaunch()

const container = document.getElementById('root')
if (!container) throw new Error('index.html must contain <div id="root">')

const router = createRouter()

createRoot(container).render(
  <StrictMode>
    <AppProvider initialData={readPageData(document)}>
      <RouterProvider router={router} />
    </AppProvider>
  </StrictMode>,
)

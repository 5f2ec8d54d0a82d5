import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApiClient } from './api/client.ts';
import { App } from './app/App.tsx';
import { installAreas } from './app/area.ts';
import * as areas from './features/areas.ts';
import { initI18n } from './i18n/i18n.ts';

// The API client reads the browser-mode token from the URL fragment before the router sees it.
await initApiClient();
installAreas(Object.values(areas));
await initI18n(Object.values(areas));

const root = document.getElementById('root');
if (!root) throw new Error('main: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import '@ant-design/v5-patch-for-react-19';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import './app/global.css';

// After a new version is deployed, the old page's lazy chunks are gone: reload once to pick up the new
// build instead of showing an error (the flag stops a reload loop if the server is really broken).
window.addEventListener('vite:preloadError', (event) => {
  if (sessionStorage.getItem('wuye.reloadedForChunk')) return;
  sessionStorage.setItem('wuye.reloadedForChunk', '1');
  event.preventDefault();
  window.location.reload();
});
window.addEventListener('load', () => {
  window.setTimeout(() => sessionStorage.removeItem('wuye.reloadedForChunk'), 10_000);
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './host';
import { initI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  await initI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lacks #root');
  createRoot(root).render(
    <StrictMode>
      <App host={connectHost()} />
    </StrictMode>,
  );
}

void boot();

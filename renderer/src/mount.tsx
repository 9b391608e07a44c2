import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type AppServices } from './App';

/** Runs `onMounted` once the app's own effects (its keyboard listeners) have run: a parent's effects come after its children's. */
function Mounted({ onMounted, children }: { readonly onMounted: () => void; readonly children: ReactNode }) {
  useEffect(() => onMounted(), [onMounted]);
  return children;
}

/**
 * React and the App, loaded by main.tsx after the phone has signed in (issue 19): the entry opens
 * the SIP socket first, this chunk is fetched and compiled meanwhile (modulepreload) and evaluated
 * after. React replaces the start shell in #root in the commit that shows the app.
 */
export function mountApp(root: HTMLElement, services: AppServices, onMounted: () => void): void {
  createRoot(root).render(
    <StrictMode>
      <Mounted onMounted={onMounted}>
        <App services={services} />
      </Mounted>
    </StrictMode>,
  );
}

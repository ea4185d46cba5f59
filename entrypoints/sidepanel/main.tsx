import { createRoot } from 'react-dom/client';
import { SidebarApp } from './SidebarApp';

createRoot(document.getElementById('root')!).render(<SidebarApp />);

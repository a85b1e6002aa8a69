import { useThreadView } from './thread-source';
import { ThreadPanel } from './ThreadPanel';
import { useSettings } from '../common/use-settings';
import { isPaused } from '../../shared/settings';

export function App() {
  const view = useThreadView();
  const { settings, loaded } = useSettings();
  return (
    <main class="sidebar" aria-label="Earshot">
      <header class="brand">
        <img src="icons/icon-32.png" alt="" width={20} height={20} />
        <span>Earshot</span>
      </header>
      {loaded && !settings.enabled && <p class="banner" role="status">Earshot is switched off. Nothing is looked up.</p>}
      {loaded && settings.enabled && isPaused(settings, Date.now()) && (
        <p class="banner" role="status">Paused. Nothing is looked up until you resume in the Earshot menu.</p>
      )}
      {loaded && settings.enabled && !settings.onboarded && (
        <p class="banner" role="status">Choose what Earshot may look up: open the Earshot menu to start.</p>
      )}
      {view.type === 'waiting' && <p class="state" role="status">Open a conversation to see who is in it.</p>}
      {view.type === 'no-thread' && <p class="state" role="status">Open a conversation to see who is in it.</p>}
      {view.type === 'unreadable' && (
        <p class="state error" role="alert" data-testid="unreadable">
          Can't read this conversation. The mail page has changed in a way Earshot does not recognise yet.
        </p>
      )}
      {view.type === 'thread' && loaded && <ThreadPanel thread={view.thread} settings={settings} />}
    </main>
  );
}

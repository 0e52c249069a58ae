import { Text, Title } from '@ui5/webcomponents-react';
import { useEffect, useState } from 'react';
import { useNavigation } from '../../app/navigation';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { forgetViewedObjects, ObjectViewer } from './ObjectViewer';
import { PackageBrowser } from './PackageBrowser';
import { usePersistentState } from './persistentState';
import type { OpenTarget } from './WhereUsedPanel';
import './explore.css';

/** Packages, their objects, and a viewer for sources and DDIC definitions with where-used. */
export default function ExplorePage() {
  const { active } = useSystems();
  const { params } = useNavigation();
  // The objects opened, newest last: Back returns to the previous one.
  const [history, setHistory] = usePersistentState<OpenTarget[]>('explore.history', []);
  // The viewer may take the whole page (Fiori's full-screen column), e.g. for long source lines.
  const [fullScreen, setFullScreen] = useState(false);

  const open = (target: OpenTarget) => {
    const name = target.name.trim().toUpperCase();
    if (!name) return;
    setHistory((h) => [...h.slice(-49), { ...target, name }]);
  };


  // Other areas open an object with `navigate('explore', { object, type, method, line })`.
  useEffect(() => {
    if (!params.object) return;
    open({ name: params.object, type: params.type ?? null, method: params.method ?? null, line: params.line ? Number(params.line) : null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.object, params.method, params.line]);

  if (!active) return <NoSystem />;
  const profileId = active.profile.id;
  const current = history[history.length - 1] ?? null;

  return (
    <div className="ad-page ex-page" data-testid="explore-page">
      <div className="ad-page-header">
        <Title level="H2">Explore</Title>
        <Text className="ad-muted">Packages and objects of {active.profile.settings.display_name}</Text>
      </div>
      <div className={current && fullScreen ? 'ex-layout ad-detail-full' : 'ex-layout'}>
        <PackageBrowser profileId={profileId} onOpen={open} openName={current?.name ?? null} />
        {current ? (
          <ObjectViewer
            key={`${profileId}:${history.length}:${current.name}:${current.method ?? ''}:${current.line ?? ''}`}
            profileId={profileId}
            target={current}
            onOpen={open}
            onBack={history.length > 1 ? () => setHistory((h) => h.slice(0, -1)) : null}
            fullScreen={{ on: fullScreen, toggle: () => setFullScreen((on) => !on) }}
            onClose={() => {
              setFullScreen(false);
              setHistory([]);
              forgetViewedObjects();
            }}
          />
        ) : (
          <section className="ad-card ex-empty">
            <Text className="ad-muted">Choose an object in the list to see its source or its fields.</Text>
          </section>
        )}
      </div>
    </div>
  );
}

import {
  Button,
  Menu,
  MenuItem,
  ShellBar,
  ShellBarItem,
  SideNavigation,
  SideNavigationGroup,
  SideNavigationItem,
  Tag,
  BusyIndicator,
} from '@ui5/webcomponents-react';
import { Activity, Suspense, useCallback, useMemo, useState } from 'react';
import { useMountedWhileOpen } from '../components';
import { applyTheme, type ThemeName } from '../theme/assets';
import { AREAS, type AreaId } from './areas';
import { JobNoticesPopover, useJobNotices } from './JobNotices';
import { runningJobsArea } from './jobNotices';
import { JobsProvider, useJobs } from './JobsContext';
import { NavigationContext, useNavigation, type NavigationValue } from './navigation';
import { loadPreferences, savePreferences } from './preferences';
import { PAGES } from './routes';
import { CancelCalls } from './CancelCalls';
import { CloseGuard } from './CloseGuard';
import { securityWarning } from './security';
import { StoreGate, StoreNotices } from './StoreNotice';
import { connectionLabel, SystemProvider, useSystems, type ConnectionState } from './SystemContext';
import './shell.css';

const GROUP_TITLES = { setup: 'Setup', develop: 'Develop', inspect: 'Inspect', deliver: 'Deliver', integration: 'Cloud Integration' } as const;

export function App() {
  return (
    <StoreGate>
      <SystemProvider>
        <JobsProvider>
          <Shell />
        </JobsProvider>
      </SystemProvider>
    </StoreGate>
  );
}

function Shell() {
  const initial = useMemo(() => loadPreferences(), []);
  const [area, setArea] = useState<AreaId>(initial.area);
  // Areas opened so far. They stay mounted (hidden) when the user moves on, so that each keeps
  // its inputs and results, and because remounting UI5 controls on every switch left WebKit
  // with memory it only gave back after a garbage collection that idle pages never trigger.
  const [visited, setVisited] = useState<readonly AreaId[]>([initial.area]);
  const [params, setParams] = useState<Record<string, string>>({});
  const [theme, setTheme] = useState<ThemeName>(initial.theme);
  const [navCollapsed, setNavCollapsed] = useState(false);
  const { jobs } = useJobs();
  const running = jobs.filter((j) => j.record.state === 'running');
  const { notices, dismiss, clear } = useJobNotices(jobs, area);
  const [noticesOpener, setNoticesOpener] = useState<HTMLElement | null>(null);

  const navigate = useCallback((next: AreaId, nextParams: Record<string, string> = {}) => {
    setArea(next);
    setVisited((opened) => (opened.includes(next) ? opened : [...opened, next]));
    setParams(nextParams);
    savePreferences({ area: next });
  }, []);
  const navigation = useMemo<NavigationValue>(() => ({ area, params, navigate }), [area, params, navigate]);

  const toggleTheme = () => {
    const next: ThemeName = theme === 'sap_horizon' ? 'sap_horizon_dark' : 'sap_horizon';
    setTheme(next);
    savePreferences({ theme: next });
    void applyTheme(next);
  };

  const groups = (Object.keys(GROUP_TITLES) as (keyof typeof GROUP_TITLES)[]).map((group) => ({
    group,
    areas: AREAS.filter((a) => a.group === group),
  }));

  return (
    <NavigationContext.Provider value={navigation}>
      <div className="ad-shell">
        <ShellBar
          primaryTitle="Agent Desk"
          startButton={
            <Button
              icon="menu2"
              design="Transparent"
              accessibleName={navCollapsed ? 'Expand navigation' : 'Collapse navigation'}
              tooltip={navCollapsed ? 'Expand navigation' : 'Collapse navigation'}
              onClick={() => setNavCollapsed((c) => !c)}
            />
          }
          content={<SystemSwitcher slot="content" />}
        >
          {running.length > 0 && (
            <ShellBarItem
              icon="process"
              text={`${running.length} running ${running.length === 1 ? 'job' : 'jobs'}`}
              count={String(running.length)}
              onClick={() => navigate(runningJobsArea(running.map((j) => j.record.kind)))}
              data-testid="running-jobs"
            />
          )}
          {notices.length > 0 && (
            <ShellBarItem
              icon="bell"
              text={`${notices.length} finished ${notices.length === 1 ? 'job' : 'jobs'}`}
              count={String(notices.length)}
              onClick={(e) => setNoticesOpener(e.detail.targetRef)}
              data-testid="job-notices"
            />
          )}
          <ShellBarItem
            icon={theme === 'sap_horizon' ? 'dark-mode' : 'light-mode'}
            text={theme === 'sap_horizon' ? 'Dark theme' : 'Light theme'}
            onClick={toggleTheme}
            data-testid="theme-switch"
          />
        </ShellBar>
        <JobNoticesPopover
          opener={noticesOpener}
          notices={notices}
          onFollow={(notice) => {
            setNoticesOpener(null);
            dismiss(notice.jobId);
            navigate(notice.area, notice.params);
          }}
          onDismiss={dismiss}
          onClear={() => {
            setNoticesOpener(null);
            clear();
          }}
          onClose={() => setNoticesOpener(null)}
        />
        <CloseGuard />
        <StoreNotices />
        <div className="ad-body">
          <SideNavigation
            collapsed={navCollapsed}
            accessibleName="Areas"
            className="ad-nav"
            onSelectionChange={(e) => {
              const id = (e.detail.item as HTMLElement).dataset.area as AreaId | undefined;
              if (id) navigate(id);
            }}
          >
            {groups.map(({ group, areas }) => (
              <SideNavigationGroup key={group} text={GROUP_TITLES[group]} expanded>
                {areas.map((a) => (
                  <SideNavigationItem
                    key={a.id}
                    text={a.title}
                    icon={a.icon}
                    selected={a.id === area}
                    data-area={a.id}
                    data-testid={`nav-${a.id}`}
                  />
                ))}
              </SideNavigationGroup>
            ))}
          </SideNavigation>
          <main className="ad-main" aria-label={AREAS.find((a) => a.id === area)?.title} data-testid={`page-${area}`}>
            {visited.map((id) => {
              const Page = PAGES[id];
              // Hidden areas keep their state and DOM; their effects (timers, shortcuts,
              // listeners) are cleaned up until they are shown again.
              return (
                <Activity key={id} mode={id === area ? 'visible' : 'hidden'}>
                  <Suspense fallback={<BusyIndicator active delay={200} className="ad-page-busy" />}>
                    <Page />
                  </Suspense>
                </Activity>
              );
            })}
          </main>
        </div>
      </div>
    </NavigationContext.Provider>
  );
}

function connectionDesign(state: ConnectionState): 'Positive' | 'Negative' | 'Information' | 'Neutral' {
  if (state.status === 'connected') return 'Positive';
  if (state.status === 'failed') return 'Negative';
  if (state.status === 'connecting') return 'Information';
  return 'Neutral';
}

/** The active system, its connection state and its warning badges; a menu switches systems. */
function SystemSwitcher({ slot }: { slot?: string }) {
  const { systems, active, connection, select, testActive, loading } = useSystems();
  const { navigate } = useNavigation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menu = useMountedWhileOpen(menuOpen, () => setMenuOpen(false));
  const name = active?.profile.settings.display_name ?? (loading ? 'Loading…' : 'No system');
  return (
    <div className="ad-system" role="group" aria-label="Active system" slot={slot} data-hide-order="100">
      <Button
        id="ad-system-switcher"
        icon="it-host"
        endIcon="slim-arrow-down"
        design="Transparent"
        accessibleName={`Active system: ${name}. Switch system`}
        onClick={() => setMenuOpen(true)}
        className="ad-system-button"
      >
        <span data-testid="active-system">{name}</span>
      </Button>
      {menu.mounted && (
        <Menu
          opener="ad-system-switcher"
          open={menuOpen}
          headerText="Switch system"
          onClose={menu.onClose}
          onItemClick={(e) => {
            const id = (e.detail.item as HTMLElement).dataset.systemId;
            if (id) select(id);
            setMenuOpen(false);
          }}
        >
          {systems.map((s) => (
            <MenuItem
              key={s.profile.id}
              text={s.profile.settings.display_name}
              additionalText={s.profile.is_demo ? 'Demo' : securityWarning(s)?.label}
              icon={s.profile.id === active?.profile.id ? 'accept' : 'it-host'}
              data-system-id={s.profile.id}
            />
          ))}
        </Menu>
      )}
      <Tag
        design={connectionDesign(connection)}
        interactive
        onClick={() => {
          // A failed test opens the system's settings, where the error is explained.
          if (connection.status === 'failed' && active) navigate('systems', { editSystem: active.profile.id });
          else void testActive();
        }}
        title={
          connection.status === 'connected' && connection.info.version
            ? `abapGit Agent ${connection.info.version}. Click to test again.`
            : connection.status === 'failed'
              ? 'Click to see why and fix the settings'
              : 'Click to test the connection again'
        }
        aria-label={`Connection: ${connectionLabel(connection)}. ${connection.status === 'failed' ? 'Show the problem' : 'Test again'}`}
      >
        <span data-testid="connection-state">{connectionLabel(connection)}</span>
      </Tag>
      {active?.profile.is_demo && (
        <Tag design="Set2" colorScheme="6" data-testid="badge-demo" title="The built-in SAP simulator: safe to try anything">
          Demo sandbox
        </Tag>
      )}
      {active && securityWarning(active) && (
        <Tag design="Critical" data-testid="badge-insecure" title={securityWarning(active)?.title}>
          {securityWarning(active)?.label}
        </Tag>
      )}
      <CancelCalls />
    </div>
  );
}

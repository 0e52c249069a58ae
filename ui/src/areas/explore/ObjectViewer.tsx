import { Button, Label, MessageStrip, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { AppError, ProfileId, Result } from '../../api';
import { useNavigation } from '../../app/navigation';
import { Busy, CopyButton, ErrorPanel, FullScreenButton, SourceView, type FullScreen } from '../../components';
import { isFindShortcut, type SourceViewHandle } from '../../components/SourceView';
import { explore } from '../../api';
import { FieldTable, fieldsAsText } from './FieldTable';
import { ddicDetails, detailsAsText } from './ddicDetails';
import { DdicDetailsView } from './DdicDetailsView';
import { isPreviewable } from './objectIcons';
import { GROUP_TITLES, methodLine, sourceDocument, type SectionEntry, type SectionGroup } from './sections';
import type { ViewedObject, ViewResult } from '../../api';
import { WhereUsedPanel, type OpenTarget } from './WhereUsedPanel';

// Recently viewed objects, so that Back and re-opening are instant; the oldest go first
// (a 10,000-line class is megabytes once shown).
const VIEW_CACHE_LIMIT = 20;
const viewCache = new Map<string, ViewedObject>();

/** Lets go of every viewed object (the viewer was closed: nothing is shown any more). */
export function forgetViewedObjects() {
  viewCache.clear();
}

function remember(key: string, object: ViewedObject) {
  viewCache.delete(key);
  viewCache.set(key, object);
  for (const oldest of viewCache.keys()) {
    if (viewCache.size <= VIEW_CACHE_LIMIT) break;
    viewCache.delete(oldest);
  }
}

export function ObjectViewer({
  profileId,
  target,
  onOpen,
  onBack,
  onClose,
  fullScreen,
}: {
  profileId: ProfileId;
  target: OpenTarget;
  onOpen: (t: OpenTarget) => void;
  onBack: (() => void) | null;
  onClose: () => void;
  /** The page's full-screen state for the viewer's column. */
  fullScreen: FullScreen;
}) {
  const cacheKey = `${profileId}:${target.type ?? ''}:${target.name}`;
  const [loaded, setLoaded] = useState<{ key: string; object: ViewedObject } | null>(() => {
    const cached = viewCache.get(cacheKey);
    return cached ? { key: cacheKey, object: cached } : null;
  });
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [showWhereUsed, setShowWhereUsed] = useState(false);
  const [jump, setJump] = useState<number | null>(null);
  const { navigate } = useNavigation();
  const sourceView = useRef<SourceViewHandle>(null);

  useEffect(() => {
    if (viewCache.has(cacheKey) && attempt === 0) return;
    let cancelled = false;
    void explore
      .view(profileId, { objects: [target.name], object_type: target.type, full: true, function_module: null })
      .then((answer: Result<ViewResult>) => {
        if (cancelled) return;
        if (answer.status === 'error') return setError(answer.error);
        const object = answer.data.objects[0];
        if (!object) return setError({ kind: 'not_found', what: 'object', message: answer.data.message || `${target.name} was not found.` });
        setError(null);
        remember(cacheKey, object);
        setLoaded({ key: cacheKey, object });
      });
    return () => {
      cancelled = true;
    };
  }, [profileId, target.name, target.type, cacheKey, attempt]);

  const object = loaded?.key === cacheKey ? loaded.object : null;
  const doc = useMemo(() => (object && hasSource(object) ? sourceDocument(object) : null), [object]);
  const details = useMemo(() => (object ? ddicDetails(object) : null), [object]);

  // Where the viewer opens: the requested method's section, else the requested line.
  const initialLine = useMemo(() => {
    if (!doc) return null;
    return (target.method ? methodLine(doc, target.method) : null) ?? target.line ?? null;
  }, [doc, target.method, target.line]);
  const highlight = jump ?? initialLine;

  if (error) {
    return (
      <section className="ad-card" aria-label={target.name}>
        <ViewerHead title={target.name} onBack={onBack} onClose={onClose} fullScreen={fullScreen} />
        <ErrorPanel error={error} onRetry={() => setAttempt((n) => n + 1)} />
      </section>
    );
  }
  if (!object) {
    return (
      <section className="ad-card ex-viewer-loading" aria-label={target.name}>
        <ViewerHead title={target.name} onBack={onBack} onClose={onClose} fullScreen={fullScreen} />
        <Busy active text={`Opening ${target.name}…`}>
          <div style={{ height: '8rem' }} />
        </Busy>
      </section>
    );
  }

  if (object.not_found) {
    return (
      <section className="ad-card" aria-label={object.name}>
        <ViewerHead title={object.name || target.name} onBack={onBack} onClose={onClose} fullScreen={fullScreen} />
        <MessageStrip design="Critical" hideCloseButton>{`${object.name || target.name} does not exist in this system.`}</MessageStrip>
      </section>
    );
  }

  const type = object.object_type.toUpperCase();
  // Ctrl+F anywhere in the viewer (its toolbar, the sections) finds in the source.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!doc || !isFindShortcut(e)) return;
    e.preventDefault();
    sourceView.current?.openFind();
  };
  return (
    <div className="ex-viewer-stack">
      <section className="ad-card ex-viewer" aria-label={`${object.type_text} ${object.name}`} data-testid="object-viewer" data-object={object.name} onKeyDown={onKeyDown}>
        <ViewerHead title={object.name} onBack={onBack} onClose={onClose} fullScreen={fullScreen}>
          <Tag design="Set2" colorScheme="8">
            {object.type_text || type}
          </Tag>
          <span className="ad-spacer" />
          {isPreviewable(type) ? (
            <Button icon="table-view" onClick={() => navigate('preview', { object: object.name, type: type === 'DDLS' ? 'DDLS' : 'TABL' })} data-testid="viewer-preview">
              Preview data
            </Button>
          ) : null}
          <Button icon="chain-link" onClick={() => setShowWhereUsed((s) => !s)} data-testid="viewer-where-used">
            {showWhereUsed ? 'Hide where-used' : 'Where used'}
          </Button>
          {doc ? <CopyButton text={() => doc.lines.join('\n')} label="Copy source" /> : null}
          {details ? <CopyButton text={() => detailsAsText(details)} label="Copy details" /> : null}
          {!details && object.components.length ? <CopyButton text={() => fieldsAsText(object.components)} label="Copy fields" /> : null}
        </ViewerHead>
        <div className="ex-facts">
          {object.description ? <Text>{object.description}</Text> : null}
          {object.package ? (
            <span>
              <Label showColon>Package</Label> <Text>{object.package}</Text>
            </span>
          ) : null}
          {doc ? (
            <span>
              <Label showColon>Lines</Label> <Text data-testid="viewer-lines">{doc.lines.length.toLocaleString()}</Text>
            </span>
          ) : null}
        </div>
        {details ? <DdicDetailsView details={details} onOpen={onOpen} /> : null}
        {!details && (object.domain || object.domain_type) ? <DomainFacts object={object} onOpen={onOpen} /> : null}
        {!details && object.components.length ? <FieldTable components={object.components} onOpen={(name, t) => onOpen({ name, type: t })} /> : null}
        {doc ? (
          <div className={doc.entries.length > 1 ? 'ex-source ex-source-nav' : 'ex-source'}>
            {doc.entries.length > 1 ? <SectionNav entries={doc.entries} current={highlight} onPick={setJump} /> : null}
            <SourceView
              ref={sourceView}
              source={doc.lines}
              highlightLine={highlight}
              ariaLabel={`Source of ${object.name}`}
              height="calc(100vh - 15rem)"
            />
          </div>
        ) : null}
        {!doc && !object.components.length && object.definition ? <pre className="ad-pre">{object.definition}</pre> : null}
      </section>
      {showWhereUsed ? <WhereUsedPanel profileId={profileId} name={object.name} type={type} onOpen={onOpen} /> : null}
    </div>
  );
}

function hasSource(object: ViewedObject): boolean {
  return object.sections.some((s) => s.lines.length > 0) || Boolean(object.source && object.source.trim());
}

function ViewerHead({ title, onBack, onClose, fullScreen, children }: { title: string; onBack: (() => void) | null; onClose: () => void; fullScreen: FullScreen; children?: ReactNode }) {
  return (
    <div className="ad-card-head">
      {onBack ? <Button icon="nav-back" design="Transparent" tooltip="Back" accessibleName="Back to the previous object" onClick={onBack} data-testid="viewer-back" /> : null}
      <Title level="H3" data-testid="viewer-title">
        {title}
      </Title>
      {children}
      <FullScreenButton fullScreen={fullScreen} what={title} testId="viewer-full-screen" />
      <Button icon="decline" design="Transparent" tooltip="Close" accessibleName={`Close ${title}`} onClick={onClose} className="ex-viewer-close" data-testid="viewer-close" />
    </div>
  );
}

function DomainFacts({ object, onOpen }: { object: ViewedObject; onOpen: (t: OpenTarget) => void }) {
  const isDomain = object.object_type.toUpperCase() === 'DOMA';
  return (
    <div className="ex-facts" data-testid="domain-facts">
      {object.domain && !isDomain ? (
        <span>
          <Label showColon>Domain</Label>{' '}
          <Button design="Transparent" onClick={() => onOpen({ name: object.domain!, type: 'DOMA' })}>
            {object.domain}
          </Button>
        </span>
      ) : null}
      <span>
        <Label showColon>Data type</Label> <Text>{object.domain_type ?? ''}</Text>
      </span>
      <span>
        <Label showColon>Length</Label> <Text>{String(object.domain_length ?? '')}</Text>
      </span>
      <span>
        <Label showColon>Decimals</Label> <Text>{String(object.domain_decimals ?? 0)}</Text>
      </span>
    </div>
  );
}

/**
 * The class's table of contents. Plain buttons styled as a Fiori list: a class with 170
 * methods would otherwise create 170 list web components, which costs most of a second.
 */
function SectionNav({ entries, current, onPick }: { entries: readonly SectionEntry[]; current: number | null; onPick: (line: number) => void }) {
  const groups = new Map<SectionGroup, SectionEntry[]>();
  for (const e of entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  return (
    <nav className="ex-section-nav" aria-label="Sections" data-testid="section-nav">
      {[...groups.entries()].map(([group, items]) => (
        <div key={group} role="group" aria-label={GROUP_TITLES[group]}>
          <div className="ex-section-group">{GROUP_TITLES[group]}</div>
          {items.map((e) => (
            <button
              type="button"
              key={`${e.suffix}-${e.startLine}`}
              className="ex-section"
              aria-current={current === e.startLine ? 'location' : undefined}
              onClick={() => onPick(e.startLine)}
              title={`${e.label}: line ${e.startLine}, ${e.lineCount} lines`}
              data-testid={`section-${e.suffix}`}
            >
              <span className="ex-section-label">{e.label}</span>
              <span className="ex-section-count">{e.lineCount}</span>
            </button>
          ))}
        </div>
      ))}
    </nav>
  );
}


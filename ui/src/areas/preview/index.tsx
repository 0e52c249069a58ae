import { Button, Label, Option, Select, Tab, TabContainer, Text, Title } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/decline.js';
import { useEffect, useState } from 'react';
import { useNavigation } from '../../app/navigation';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { ConfirmDialog, TextField } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { PreviewTab, type OpenObject } from './PreviewTab';
import { forgetTab } from './loadedRows';
import { loadVariants, presetTabForm, storeVariants, withoutVariant, withVariant, type PreviewVariant } from './variants';
import './preview.css';

const TYPES = [
  { value: '', text: 'Detect' },
  { value: 'TABL', text: 'Table' },
  { value: 'DDLS', text: 'CDS view' },
];

/** Table and CDS view contents, several objects side by side in tabs. */
export default function PreviewPage() {
  const { active } = useSystems();
  const { params } = useNavigation();
  const [name, setName] = usePersistentState('preview.name', '');
  const [objectType, setObjectType] = usePersistentState('preview.type', '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [tabs, setTabs] = usePersistentState<OpenObject[]>('preview.tabs', []);
  const [current, setCurrent] = usePersistentState<string | null>('preview.current', null);
  const [variants, setVariants] = useState<PreviewVariant[]>(loadVariants);
  const [variantName, setVariantName] = useState('');
  const [deletingVariant, setDeletingVariant] = useState(false);
  const [variantNotice, setVariantNotice] = useState<string | null>(null);

  const keepVariants = (next: PreviewVariant[], notice: string) => {
    setVariants(next);
    setVariantNotice(storeVariants(next) ? notice : 'The variants could not be stored on this computer (storage full or unavailable); they last until the app closes.');
  };

  /** Opens the variant's object in a fresh tab that starts with its WHERE condition and columns. */
  const applyVariant = (variant: PreviewVariant) => {
    const previous = tabs.filter((t) => t.name === variant.object);
    previous.forEach((t) => forgetTab(t.id));
    const tab = { id: `${variant.object}-${Date.now().toString(36)}`, name: variant.object, objectType: variant.objectType };
    presetTabForm(tab.id, variant);
    setTabs([...tabs.filter((t) => t.name !== variant.object), tab]);
    setCurrent(tab.id);
    setName(variant.object);
    setObjectType(variant.objectType);
    setNameError(null);
  };

  const open = (rawName: string, type: string) => {
    const objectName = rawName.trim().toUpperCase();
    if (!/^[A-Z0-9_/$]{1,30}$/.test(objectName)) {
      setNameError('Enter the name of a table or CDS view, such as SFLIGHT or ZI_FLIGHT.');
      return;
    }
    setNameError(null);
    const existing = tabs.find((t) => t.name === objectName);
    if (existing) return setCurrent(existing.id);
    const tab = { id: `${objectName}-${Date.now().toString(36)}`, name: objectName, objectType: type };
    setTabs([...tabs, tab]);
    setCurrent(tab.id);
  };

  // Other areas open an object here with `navigate('preview', { object, type })`.
  const requested = params.object;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (requested) open(requested, params.type ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requested]);

  if (!active) return <NoSystem />;
  const profileId = active.profile.id;
  const selected = tabs.find((t) => t.id === current) ?? tabs[tabs.length - 1] ?? null;

  const close = (id: string) => {
    forgetTab(id);
    const rest = tabs.filter((t) => t.id !== id);
    setTabs(rest);
    if (selected?.id === id) setCurrent(rest[rest.length - 1]?.id ?? null);
  };

  return (
    <div className="ad-page pv-page" data-testid="preview-page">
      <div className="ad-page-header">
        <Title level="H2">Data preview</Title>
        <Text className="ad-muted">Tables and CDS views of {active.profile.settings.display_name}</Text>
      </div>
      <section className="ad-card" aria-label="Open a table or CDS view">
        <div className="pv-open">
          <TextField
            label="Table or CDS view"
            value={name}
            onChange={setName}
            error={nameError}
            placeholder="SFLIGHT"
            onSubmit={() => open(name, objectType)}
            data-testid="preview-object"
          />
          <div className="ad-field">
            <Label showColon>Type</Label>
            <Select accessibleName="Object type" onChange={(e) => setObjectType(e.detail.selectedOption.getAttribute('value') ?? '')}>
              {TYPES.map((t) => (
                <Option key={t.value} value={t.value} selected={objectType === t.value}>
                  {t.text}
                </Option>
              ))}
            </Select>
          </div>
          <Button design="Emphasized" icon="add" onClick={() => open(name, objectType)} className="ad-align-end" data-testid="preview-open">
            Open
          </Button>
        </div>
        {variants.length > 0 ? (
          <div className="pv-variants">
            <div className="ad-field">
              <Label showColon>Variant</Label>
              <Select
                accessibleName="Variant"
                onChange={(e) => {
                  const chosen = variants.find((v) => v.name === e.detail.selectedOption.getAttribute('value'));
                  setVariantName(chosen?.name ?? '');
                  if (chosen) applyVariant(chosen);
                }}
                data-testid="preview-variant"
              >
                <Option value="" selected={variantName === ''}>
                  Choose a saved variant
                </Option>
                {variants.map((v) => (
                  <Option key={v.name} value={v.name} additionalText={v.object} selected={v.name === variantName} data-testid={`preview-variant-${v.name}`}>
                    {v.name}
                  </Option>
                ))}
              </Select>
            </div>
            <Button icon="delete" design="Transparent" disabled={!variantName} onClick={() => setDeletingVariant(true)} className="ad-align-end" data-testid="preview-variant-delete">
              Delete variant
            </Button>
          </div>
        ) : null}
        {variantNotice ? (
          <Text className="ad-muted" data-testid="preview-variant-notice">
            {variantNotice}
          </Text>
        ) : null}
        <ConfirmDialog
          open={deletingVariant}
          title="Delete variant?"
          message={`The variant “${variantName}” is deleted from this computer. Open tabs stay as they are.`}
          confirmText="Delete"
          onCancel={() => setDeletingVariant(false)}
          onConfirm={() => {
            setDeletingVariant(false);
            keepVariants(withoutVariant(variants, variantName), `Variant “${variantName}” deleted.`);
            setVariantName('');
          }}
        />
      </section>

      {tabs.length > 0 && selected ? (
        <section className="ad-card pv-tabs">
          <TabContainer
            onTabSelect={(e) => setCurrent((e.detail.tab as HTMLElement).dataset.tabId ?? null)}
            contentBackgroundDesign="Transparent"
            data-testid="preview-tabs"
          >
            {tabs.map((t) => (
              <Tab key={t.id} text={t.name} selected={t.id === selected.id} data-tab-id={t.id} data-testid={`preview-tabhead-${t.name}`} />
            ))}
          </TabContainer>
          <PreviewTab
            key={`${profileId}:${selected.id}`}
            profileId={profileId}
            object={selected}
            variantNames={variants.map((v) => v.name)}
            onSaveVariant={(variant) => {
              keepVariants(withVariant(variants, variant), `Variant “${variant.name}” saved: choose it under Variant to open ${variant.object} with the same condition and columns.`);
            }}
            closeButton={
              <Button icon="decline" design="Transparent" onClick={() => close(selected.id)} tooltip={`Close ${selected.name}`} data-testid="preview-close">
                Close
              </Button>
            }
          />
        </section>
      ) : (
        <Text className="ad-muted">Open a table or CDS view to see its rows. Each object opens in its own tab.</Text>
      )}
    </div>
  );
}

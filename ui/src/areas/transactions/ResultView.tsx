import { Button, Input, Label, Text, Title } from '@ui5/webcomponents-react';
import { useMemo, useState } from 'react';
import type { Operation, OperationResult } from '../../api';
import { asOutputObject, followUpInputs, splitOutput } from './forms';
import { OutputTable } from './OutputTable';
import { StatusBar } from './StatusBar';
import type { Inputs } from './types';

export interface ResultViewProps {
  result: OperationResult;
  operation: Operation;
  operations: readonly Operation[];
  sent: Inputs;
  onFollow: (operation: string, inputs: Inputs) => void;
}

/** An answer as SAP GUI would show it: the status bar, the screen's fields, its tables, and what may follow. */
export function ResultView({ result, operation, operations, sent, onFollow }: ResultViewProps) {
  const output = useMemo(() => asOutputObject(result.output), [result.output]);
  const { scalars, tables } = useMemo(() => splitOutput(operation.output, output), [operation.output, output]);
  // The chosen row per table; the first table's row fills a follow-up action's form.
  const [chosen, setChosen] = useState<Record<string, number | null>>({});
  const chosenRow = useMemo(() => {
    for (const t of tables) {
      const index = chosen[t.name];
      if (index !== null && index !== undefined && t.rows[index]) return t.rows[index];
    }
    return null;
  }, [chosen, tables]);
  const following = result.state.subsequent_actions.filter((name) => operations.some((o) => o.name === name));

  return (
    <section className="ad-card tx-result" data-testid="tx-result" data-operation={result.operation}>
      <div className="ad-card-head">
        <Title level="H4">{`Result of ${result.operation}`}</Title>
        <Text className="ad-muted" data-testid="tx-result-facts">{`${result.duration_ms} ms, ${result.requests} ${result.requests === 1 ? 'request' : 'requests'}${result.repeated_after_logon ? ', sent again after a new logon (a reading call)' : ''}`}</Text>
      </div>
      {scalars.length > 0 && (
        <div className="ad-form-grid" data-testid="tx-outputs">
          {scalars.map((s) => (
            <div className="ad-field" key={s.name}>
              <Label showColon>{s.name}</Label>
              <Input value={s.value} readonly accessibleName={s.name} data-testid={`tx-output-${s.name}`} />
            </div>
          ))}
        </div>
      )}
      {tables.map((t) => (
        <OutputTable
          key={t.name}
          name={t.name}
          columns={t.columns}
          rows={t.rows}
          operation={result.operation}
          chosen={chosen[t.name] ?? null}
          onChoose={(index) => setChosen((c) => ({ ...c, [t.name]: index }))}
        />
      ))}
      {scalars.length === 0 && tables.length === 0 && <Text className="ad-muted">The sequence returned no output fields.</Text>}
      {following.length > 0 && (
        <div className="ad-actions" data-testid="tx-subsequent">
          <Label showColon>Next</Label>
          {following.map((name) => {
            const next = operations.find((o) => o.name === name)!;
            return (
              <Button key={name} endIcon="navigation-right-arrow" onClick={() => onFollow(name, followUpInputs(next, sent, output, chosenRow))} data-testid={`tx-next-${name}`}>
                {name}
              </Button>
            );
          })}
          {tables.length > 0 && <Text className="ad-muted">{chosenRow ? 'The chosen row fills the next form.' : 'Choose a row to fill the next form with it.'}</Text>}
        </div>
      )}
      {/* At the bottom, where SAP GUI shows it. */}
      <StatusBar message={result.state.status_bar} />
    </section>
  );
}

// One request in detail: type, status, owner, last change and target, its tasks with their
// owners, and the objects each records. Read from the system's CTS tables (E070, E07T, E071).
import { Label, MessageStrip, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import type { AppError, TransportDetails, TransportHeader } from '../../api';
import { Busy, describeError, formatSapDateTime } from '../../components';
import { objectTypeLabel } from '../../components/objectTypes';
import { contentsText, objectsByHolder } from './requestRows';

export type DetailState = { state: 'loading' } | { state: 'loaded'; details: TransportDetails } | { state: 'failed'; error: AppError };

function StatusTag({ header }: { header: TransportHeader }) {
  return (
    <Tag design={header.released ? 'Positive' : 'Information'} hideStateIcon>
      {header.status_text}
    </Tag>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="ad-kpi">
      <Label>{label}</Label>
      {typeof children === 'string' ? <Text>{children || '–'}</Text> : children}
    </div>
  );
}

function errorText(number: string, error: AppError): string {
  const described = describeError(error);
  const server = described.serverMessage ? ` The system said: ${described.serverMessage}` : '';
  return `The details of ${number} could not be read from the system's request tables (E070, E071): ${described.title}. ${described.explanation}${server}`;
}

export function TransportDetail({ number, detail }: { number: string; detail: DetailState }) {
  return (
    <section className="ad-card tr-detail" aria-label={`Request ${number}`} data-testid="transport-detail">
      {detail.state === 'loading' ? (
        <Busy active text={`Reading ${number}…`}>
          <div className="tr-detail-placeholder" />
        </Busy>
      ) : detail.state === 'failed' ? (
        <MessageStrip design="Negative" hideCloseButton data-testid="transport-detail-error">
          {errorText(number, detail.error)}
        </MessageStrip>
      ) : (
        <Loaded details={detail.details} />
      )}
    </section>
  );
}

function Loaded({ details }: { details: TransportDetails }) {
  const { request, tasks } = details;
  const groups = objectsByHolder(details);
  const ownerOf = (holder: string) => (holder === request.number ? 'request' : `task of ${groups.find((g) => g.holder === holder)?.owner ?? ''}`);
  return (
    <>
      <Title level="H4">{`${request.number} ${request.description}`.trim()}</Title>
      <div className="ad-kpis tr-facts">
        <Fact label="Type">{request.type_text}</Fact>
        <Fact label="Status">
          <StatusTag header={request} />
        </Fact>
        <Fact label="Owner">{request.owner}</Fact>
        <Fact label={request.released ? 'Released on' : 'Last changed'}>{formatSapDateTime(request.date, request.time)}</Fact>
        <Fact label="Target">{request.target}</Fact>
      </div>

      <Title level="H5">{`Tasks (${tasks.length})`}</Title>
      {tasks.length ? (
        <Table
          accessibleName={`Tasks of ${request.number}`}
          data-testid="transport-tasks"
          headerRow={
            <TableHeaderRow>
              <TableHeaderCell width="9rem">Task</TableHeaderCell>
              <TableHeaderCell width="9rem">Owner</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell width="9rem">Status</TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {tasks.map((t) => (
            <TableRow key={t.number} rowKey={t.number} data-testid={`transport-task-${t.number}`}>
              <TableCell>
                <Text>{t.number}</Text>
              </TableCell>
              <TableCell>
                <Text>{t.owner}</Text>
              </TableCell>
              <TableCell>
                <Text>{t.type_text}</Text>
              </TableCell>
              <TableCell>
                <StatusTag header={t} />
              </TableCell>
            </TableRow>
          ))}
        </Table>
      ) : (
        <Text className="ad-muted">The request has no tasks.</Text>
      )}

      <Title level="H5">{`Objects (${details.objects.length}${details.objects_capped ? '+' : ''})`}</Title>
      {details.objects.length === 0 ? (
        <MessageStrip design="Critical" hideCloseButton data-testid="transport-empty">
          {contentsText(details)}
        </MessageStrip>
      ) : (
        <>
          <Table
            accessibleName={`Objects of ${request.number}`}
            data-testid="transport-objects"
            headerRow={
              <TableHeaderRow>
                <TableHeaderCell width="14rem">Object type</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell width="16rem">Recorded in</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {details.objects.map((o, i) => (
              <TableRow key={`${o.holder}-${i}`} rowKey={`${o.holder}-${i}`} data-testid={`transport-object-${o.object_type}-${o.name}`}>
                <TableCell>
                  <Text>{objectTypeLabel(o.object_type)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{o.pgmid === 'R3TR' ? o.name : `${o.name} (${o.pgmid})`}</Text>
                </TableCell>
                <TableCell>
                  <Text>{`${o.holder} (${ownerOf(o.holder)})`}</Text>
                </TableCell>
              </TableRow>
            ))}
          </Table>
          {details.objects_capped ? <Text className="ad-muted">{contentsText(details)}</Text> : null}
        </>
      )}
    </>
  );
}

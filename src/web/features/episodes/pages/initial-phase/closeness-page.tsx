import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Button } from '../../../../components/button';
import { EmptyState } from '../../../../components/empty-state';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, localIsoDate } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import { useEpisode } from '../../api/episodes';
import type { Closeness, Person } from '../../api/initial-phase/initial-phase-api';
import { saveCloseness, useCloseness, useInvalidateInitialPhase, useInventory } from '../../api/initial-phase/initial-phase-api';
import { ClosenessDiagram, downloadDiagram } from '../../components/initial-phase/closeness-diagram';
import { InitialPhaseFrame } from '../../components/initial-phase/initial-phase-frame';

const labels = ['intake', 'review', 'termination', 'other'] as const;
type Snapshot = Closeness['items'][number];

/** A new snapshot: the drawing (drag) and, beside it, one ring field per person (keyboard, screen reader). */
function NewSnapshot({ episodeId, people, latest, first, clientName }: { episodeId: string; people: Person[]; latest: Snapshot | undefined; first: boolean; clientName: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [rings, setRings] = useState(latest?.rings ?? 4);
  const [placements, setPlacements] = useState<Record<string, number>>(() => Object.fromEntries((latest?.placements ?? []).map((entry) => [entry.personId, entry.ring])));
  const [takenOn, setTakenOn] = useState(localIsoDate());
  const [kind, setKind] = useState<(typeof labels)[number]>(first ? 'intake' : 'review');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const svgRef = useRef<SVGSVGElement | null>(null);
  const idempotency = useIdempotencyKey();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const placed = people.filter((person) => placements[person.id] !== undefined).map((person) => ({ personId: person.id, label: person.label, ring: Math.min(placements[person.id] ?? 1, rings) }));
  const move = (personId: string, ring: number | null) =>
    setPlacements((current) => {
      const next = { ...current };
      if (ring === null) delete next[personId];
      else next[personId] = ring;
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved('');
    saveCloseness(episodeId, { takenOn, label: kind, rings, placements: placed.map(({ personId, ring }) => ({ personId, ring })) }, idempotency.key())
      .then(async () => {
        idempotency.renew();
        await invalidate();
        setSaved(t('initialPhase.closeness.saved', { date: formatCalendarDate(takenOn) }));
      })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="closeness-new">
      <h2 id="closeness-new">{t('initialPhase.closeness.newTitle')}</h2>
      <p>{t('initialPhase.closeness.howTo')}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div role="status">{saved ? <Alert tone="success">{saved}</Alert> : null}</div>
      <div className="ip-grid">
        <TextField id="closeness-date" type="date" label={t('initialPhase.closeness.takenOn')} value={takenOn} max={localIsoDate()} onChange={(event) => setTakenOn(event.currentTarget.value)} />
        <SelectField id="closeness-label" label={t('initialPhase.closeness.label')} value={kind} onChange={(event) => setKind(event.currentTarget.value as (typeof labels)[number])}>
          {labels.map((value) => (
            <option key={value} value={value}>
              {label('initialPhase.enums.closenessLabel', value)}
            </option>
          ))}
        </SelectField>
        <SelectField id="closeness-rings" label={t('initialPhase.closeness.rings')} value={String(rings)} onChange={(event) => setRings(Number(event.currentTarget.value))}>
          {[3, 4, 5].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="closeness">
        <div className="closeness__drawing">
          <ClosenessDiagram rings={rings} people={placed} centreLabel={clientName} onMove={(personId, ring) => move(personId, ring)} onSvg={(node) => {
              svgRef.current = node;
            }} title={t('initialPhase.closeness.diagramTitle', { client: clientName })} />
        </div>
        <fieldset className="closeness__fields stack">
          <legend className="field__label">{t('initialPhase.closeness.placements')}</legend>
          {people.map((person) => (
            <SelectField
              key={person.id}
              id={`ring-${person.id}`}
              label={t('initialPhase.closeness.ringFor', { name: person.label })}
              value={placements[person.id] === undefined ? '' : String(Math.min(placements[person.id] ?? 1, rings))}
              onChange={(event) => move(person.id, event.currentTarget.value === '' ? null : Number(event.currentTarget.value))}
            >
              <option value="">{t('initialPhase.closeness.notPlaced')}</option>
              {Array.from({ length: rings }, (_, index) => index + 1).map((ring) => (
                <option key={ring} value={ring}>
                  {ring === 1 ? t('initialPhase.closeness.ringClosest', { ring }) : ring === rings ? t('initialPhase.closeness.ringFurthest', { ring }) : t('initialPhase.closeness.ring', { ring })}
                </option>
              ))}
            </SelectField>
          ))}
        </fieldset>
      </div>
      <div className="actions">
        <Button type="submit" busy={busy}>
          {t('initialPhase.closeness.save')}
        </Button>
        <Button variant="secondary" onClick={() => svgRef.current && void downloadDiagram(svgRef.current, `closeness-circle-${takenOn}`)}>
          {t('initialPhase.closeness.download')}
        </Button>
      </div>
    </form>
  );
}

/** Intake beside the latest snapshot, with the server's comparison person by person. */
function Comparison({ data, clientName }: { data: Closeness; clientName: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const comparison = data.comparison;
  if (!comparison) return null;
  const from = data.items.find((item) => item.id === comparison.fromSnapshotId);
  const to = data.items.find((item) => item.id === comparison.toSnapshotId);
  if (!from || !to) return null;
  const side = (snapshot: Snapshot) => (
    <figure className="closeness__figure">
      <ClosenessDiagram rings={snapshot.rings} people={snapshot.placements} centreLabel={clientName} title={label('initialPhase.enums.closenessLabel', snapshot.label)} />
      <figcaption>{t('initialPhase.closeness.caption', { label: label('initialPhase.enums.closenessLabel', snapshot.label), date: formatCalendarDate(snapshot.takenOn) })}</figcaption>
    </figure>
  );
  return (
    <section className="card stack" aria-labelledby="closeness-compare">
      <h2 id="closeness-compare">{t('initialPhase.closeness.compareTitle')}</h2>
      <div className="closeness__pair">
        {side(from)}
        {side(to)}
      </div>
      <div className="table-scroll" role="region" aria-labelledby="closeness-compare" tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t('initialPhase.closeness.compareTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('initialPhase.closeness.person')}</th>
              <th scope="col">{t('initialPhase.closeness.fromRing')}</th>
              <th scope="col">{t('initialPhase.closeness.toRing')}</th>
              <th scope="col">{t('initialPhase.closeness.change')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.people.map((person) => (
              <tr key={person.personId}>
                <th scope="row">{person.label}</th>
                <td>{person.fromRing ?? '–'}</td>
                <td>{person.toRing ?? '–'}</td>
                <td>{label('initialPhase.enums.comparison', person.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The closeness circle (clinical-reference §4.2): dated snapshots and intake against the latest. */
export function ClosenessPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { id = '' } = useParams();
  const inventory = useInventory(id);
  const circles = useCloseness(id);
  const episode = useEpisode(id);
  const clientName = episode.data?.clientName ?? '';
  return (
    <InitialPhaseFrame episodeId={id} title={t('initialPhase.closeness.title')} lead={t('initialPhase.closeness.lead')}>
      {(editable) => {
        if (inventory.isPending || circles.isPending) return <Loading />;
        if (inventory.isError) return <ErrorState error={inventory.error} onRetry={() => void inventory.refetch()} />;
        if (circles.isError) return <ErrorState error={circles.error} onRetry={() => void circles.refetch()} />;
        const items = circles.data.items;
        const latest = items[items.length - 1];
        return (
          <>
            {inventory.data.items.length === 0 ? (
              <EmptyState title={t('initialPhase.closeness.noPeopleTitle')}>{t('initialPhase.closeness.noPeople')}</EmptyState>
            ) : editable ? (
              <NewSnapshot episodeId={id} people={inventory.data.items} latest={latest} first={items.length === 0} clientName={clientName} />
            ) : null}
            <Comparison data={circles.data} clientName={clientName} />
            <section className="stack" aria-labelledby="closeness-list">
              <h2 id="closeness-list">{t('initialPhase.closeness.snapshots')}</h2>
              {items.length === 0 ? <p>{t('initialPhase.closeness.none')}</p> : null}
              <ul>
                {items.map((item) => (
                  <li key={item.id}>
                    {t('initialPhase.closeness.snapshotLine', { label: label('initialPhase.enums.closenessLabel', item.label), date: formatCalendarDate(item.takenOn), rings: item.rings, count: item.placements.length })}
                  </li>
                ))}
              </ul>
            </section>
          </>
        );
      }}
    </InitialPhaseFrame>
  );
}

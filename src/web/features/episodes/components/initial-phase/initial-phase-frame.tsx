import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { PageHeader } from '../../../../components/page-header';
import { useSession } from '../../../../lib/session-context';
import { useEpisode } from '../../api/episodes';

/** The six initial-phase tools, in the order they are usually used, with their routes. */
export const initialPhaseTools = [
  { tool: 'inventory', route: routes.episodeInventory, labelKey: 'initialPhase.nav.inventory' },
  { tool: 'closeness-circle', route: routes.episodeCloseness, labelKey: 'initialPhase.nav.closeness' },
  { tool: 'timeline', route: routes.episodeTimeline, labelKey: 'initialPhase.nav.timeline' },
  { tool: 'diagnosis', route: routes.episodeDiagnosis, labelKey: 'initialPhase.nav.diagnosis' },
  { tool: 'formulation', route: routes.episodeFormulation, labelKey: 'initialPhase.nav.formulation' },
  { tool: 'contract', route: routes.episodeContract, labelKey: 'initialPhase.nav.contract' },
] as const;

/** The page of a tool an agenda item opens (`opensTool`), or null when it is not an initial-phase tool. */
export function toolPath(tool: string | null | undefined, episodeId: string): string | null {
  // Tools of the termination phase open the termination page at their section.
  if (tool === 'progress-review') return `${pathTo(routes.episodeTermination, { id: episodeId })}#review-title`;
  if (tool === 'relapse-prevention') return `${pathTo(routes.episodeTermination, { id: episodeId })}#plan-title`;
  const found = initialPhaseTools.find((entry) => entry.tool === tool);
  return found ? pathTo(found.route, { id: episodeId }) : null;
}

/** Links to every tool (the current one marked with aria-current). */
export function InitialPhaseNav({ episodeId, labelledBy }: { episodeId: string; labelledBy?: string }) {
  const { t } = useTranslation();
  return (
    <nav className="ip-nav" aria-label={labelledBy ? undefined : t('initialPhase.nav.label')} aria-labelledby={labelledBy}>
      <ul className="ip-nav__list">
        {initialPhaseTools.map((entry) => (
          <li key={entry.tool}>
            <NavLink to={pathTo(entry.route, { id: episodeId })} className="ip-nav__link" end>
              {t(entry.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of each tool page: heading with the client and protocol, a way back to the episode, the
 * tools' navigation. `editable` is false for ended episodes and for those who may only read.
 */
export function InitialPhaseFrame({ episodeId, title, lead, children }: { episodeId: string; title: string; lead?: ReactNode; children: (editable: boolean) => ReactNode }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const episode = useEpisode(episodeId);
  const data = episode.data;
  const editable = data !== undefined && (data.status === 'active' || data.status === 'planned') && can('client.update');
  return (
    <>
      <PageHeader
        title={title}
        lead={
          <>
            {data ? `${data.clientName} · ${data.protocol.shortName} · ` : null}
            <Link to={pathTo(routes.episode, { id: episodeId })}>{t('initialPhase.nav.back')}</Link>
            {lead ? (
              <>
                <br />
                {lead}
              </>
            ) : null}
          </>
        }
      />
      <InitialPhaseNav episodeId={episodeId} />
      {children(editable)}
    </>
  );
}

/** A group of radio buttons for one enum answer (yes / no / unknown …), in a fieldset with a legend. */
export function RadioGroup<Value extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  labelFor,
  disabled,
  hint,
}: {
  name: string;
  legend: ReactNode;
  options: readonly Value[];
  value: Value | null | undefined;
  onChange: (value: Value) => void;
  labelFor: (value: Value) => string;
  disabled?: boolean;
  hint?: ReactNode;
}) {
  return (
    <fieldset className="ip-radios">
      <legend className="field__label">{legend}</legend>
      {hint ? <div className="field__hint">{hint}</div> : null}
      <div className="ip-radios__options">
        {options.map((option) => (
          <label key={option} className="ip-radios__option">
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} disabled={disabled} />
            {labelFor(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Empty text becomes null (the API's "cleared"). */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

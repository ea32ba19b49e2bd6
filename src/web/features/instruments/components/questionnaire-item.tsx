import type { Ref } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChoiceItem, ClockTimeItem } from '../../../../domain/instruments/instrument-definition';
import { formatNumber } from '../../../lib/format';
import { formatClockTime, parseClockTime } from './answers';

/** The id of an item's first control, which the error summary links to. */
export function itemControlId(formId: string, itemId: string): string {
  return `${formId}-${itemId}`;
}

/**
 * One single-choice question: a <fieldset> whose <legend> is the question, and one native radio
 * button per printed option, each inside its label so the whole row is the touch target. Arrow keys
 * move between options (the platform's radio group); screen readers hear the question with each
 * option. Items that do not count towards the score say so in the legend.
 */
export function ChoiceQuestion({
  formId,
  item,
  value,
  error,
  showValues,
  size = 'normal',
  onChange,
  legendRef,
}: {
  formId: string;
  item: ChoiceItem;
  value: number | null | undefined;
  error?: string;
  /** Show each option's scored value (for clinicians entering answers from paper), unless the label already says it. */
  showValues: boolean;
  size?: 'normal' | 'large';
  onChange: (value: number | null) => void;
  legendRef?: Ref<HTMLFieldSetElement>;
}) {
  const { t } = useTranslation();
  const errorId = `${itemControlId(formId, item.id)}-error`;
  return (
    <fieldset className={`question question--${size}${error ? ' question--error' : ''}`} aria-describedby={error ? errorId : undefined} ref={legendRef} tabIndex={legendRef ? -1 : undefined}>
      <legend className="question__legend">
        {size === 'normal' ? <span className="question__number">{t('instruments.form.itemNumber', { id: item.id })} </span> : null}
        <span className="question__text">{item.text}</span>
        {!item.scored ? <span className="question__unscored"> {t('instruments.form.unscored')}</span> : null}
      </legend>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{t('components.field.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      <div className="choices">
        {item.options.map((option, index) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              className="choice__input"
              id={index === 0 ? itemControlId(formId, item.id) : `${itemControlId(formId, item.id)}-${index}`}
              name={itemControlId(formId, item.id)}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className="choice__label">
              {option.label}
              {showValues && !option.label.includes(String(option.value)) ? <span className="choice__value"> {t('instruments.form.optionValue', { value: formatNumber(option.value) })}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {size === 'normal' && typeof value === 'number' ? (
        <button type="button" className="question__clear" onClick={() => onChange(null)}>
          {t('instruments.form.clear')}
          <span className="visually-hidden"> {t('instruments.form.clearItem', { id: item.id })}</span>
        </button>
      ) : null}
    </fieldset>
  );
}

/**
 * A diary item answered with a clock time (SRM-5). Typed as HH:MM rather than a native time picker,
 * because the diary day runs past midnight (00:30 is entered as 24:30). Empty means "not done".
 */
export function ClockTimeQuestion({
  formId,
  item,
  value,
  error,
  onChange,
  onInvalid,
}: {
  formId: string;
  item: ClockTimeItem;
  value: number | null | undefined;
  error?: string;
  onChange: (value: number | null) => void;
  onInvalid: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (typeof value === 'number' ? formatClockTime(value) : ''));
  const [blurred, setBlurred] = useState(false);
  const id = itemControlId(formId, item.id);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const problemOf = (raw: string): string | null => {
    const parsed = parseClockTime(raw);
    if (parsed === 'invalid') return t('instruments.form.clockInvalid');
    if (parsed !== null && (parsed < item.minMinutes || parsed > item.maxMinutes)) {
      return t('instruments.form.clockRange', { min: formatClockTime(item.minMinutes), max: formatClockTime(item.maxMinutes) });
    }
    return null;
  };
  // Every keystroke keeps the answer current (so Enter submits what is typed); the message waits for blur.
  const change = (raw: string) => {
    setText(raw);
    const problem = problemOf(raw);
    onInvalid(problem);
    const parsed = parseClockTime(raw);
    onChange(problem === null && parsed !== 'invalid' ? parsed : null);
  };
  const shownError = error ?? (blurred ? (problemOf(text) ?? undefined) : undefined);
  return (
    <div className={`question${shownError ? ' question--error' : ''}`}>
      <label className="question__legend" htmlFor={id}>
        <span className="question__number">{t('instruments.form.itemNumber', { id: item.id })} </span>
        {item.text}
      </label>
      <p className="field__hint" id={hintId}>
        {t('instruments.form.clockHint')}
      </p>
      {shownError ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{t('components.field.errorPrefix')} </span>
          {shownError}
        </p>
      ) : null}
      <input
        id={id}
        className="input input--time"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        aria-describedby={[shownError ? errorId : '', hintId].filter(Boolean).join(' ')}
        aria-invalid={shownError ? true : undefined}
        onChange={(event) => change(event.currentTarget.value)}
        onBlur={() => setBlurred(true)}
      />
    </div>
  );
}

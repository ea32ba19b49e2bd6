import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { TextArea } from './text-area';

/**
 * A read-only field (wrapping, so the whole link is visible on a phone) with a copy button, for secrets shown once (invitation and reset links): the text
 * can be selected by hand when the clipboard is not available.
 */
export function CopyField({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('done');
    } catch {
      (document.getElementById(id) as HTMLTextAreaElement | null)?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="copy-field">
      <TextArea id={id} label={label} hint={hint} value={value} readOnly rows={2} onFocus={(event) => event.currentTarget.select()} spellCheck={false} className="copy-field__field" />
      <div className="copy-field__actions">
        <Button variant="secondary" onClick={() => void copy()}>
          {t('components.copy.button')}
        </Button>
        <span role="status" className="copy-field__status">
          {copied === 'done' ? t('components.copy.done') : copied === 'failed' ? t('components.copy.failed') : ''}
        </span>
      </div>
    </div>
  );
}

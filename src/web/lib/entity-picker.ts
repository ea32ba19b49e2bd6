import type { ComponentType } from 'react';

/**
 * What a "choose a person" control takes. Features that need to pick a clinician or a user receive
 * such a component from app/ (which composes features), instead of importing another feature.
 */
export interface EntityPickerProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Text of the "nobody chosen" option; without it, a choice is required. */
  emptyLabel?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Leave this person out (e.g. the current clinician when transferring). */
  excludeId?: string;
}

/** A component that renders a picker of people. */
export type EntityPicker = ComponentType<EntityPickerProps>;

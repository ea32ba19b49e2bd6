/** Query keys of the questionnaire library, in one place. Definitions are published content, not client data. */
export const instrumentKeys = {
  all: ['instruments'] as const,
  list: () => [...instrumentKeys.all, 'list'] as const,
  definition: (id: string) => [...instrumentKeys.all, 'definition', id] as const,
};

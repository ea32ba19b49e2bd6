// The parts of a message catalogue the build makes (vite.config.ts: messageParts).
declare module 'virtual:messages/*' {
  const messages: Record<string, unknown>;
  export default messages;
}

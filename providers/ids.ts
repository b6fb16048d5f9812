// The providers every harness loads by default, by id: for code that must not load the providers themselves (the CLI's main thread).
export const PROVIDER_IDS = ['oneio', 'octorate', 'google', 'ochno'] as const;

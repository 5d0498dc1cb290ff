/**
 * Where "Snel weg" goes when a municipality's gemeente.json names no page of its own: a search
 * engine's front page says nothing about what the resident was reading. Kept apart from the zod
 * schema so the widget can use it without bundling zod.
 */
export const DEFAULT_QUICK_EXIT = 'https://www.google.nl/';

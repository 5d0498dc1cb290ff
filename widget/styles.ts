// Shared look for every widget element. Each public token `--vraagwijzer-*` falls back to the
// NL Design System token a municipal theme already sets (`--utrecht-*`), then to a default that
// meets WCAG AA contrast on white. Elements read the resolved private `--_*` values only.
import { css } from 'lit';

export const tokens = css`
  :host {
    --_font: var(
      --vraagwijzer-font-family,
      var(--utrecht-document-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif)
    );
    --_font-size: var(--vraagwijzer-font-size, var(--utrecht-document-font-size, 1.125rem));
    --_line-height: var(--vraagwijzer-line-height, var(--utrecht-document-line-height, 1.5));
    --_color: var(--vraagwijzer-color, var(--utrecht-document-color, #1a1a1a));
    --_bg: var(--vraagwijzer-background-color, var(--utrecht-document-background-color, #ffffff));
    --_heading-font: var(--vraagwijzer-heading-font-family, var(--utrecht-heading-font-family, inherit));
    --_heading-color: var(--vraagwijzer-heading-color, var(--utrecht-heading-color, inherit));
    --_primary-bg: var(--vraagwijzer-primary-background-color, var(--utrecht-button-primary-action-background-color, #0b5394));
    --_primary-color: var(--vraagwijzer-primary-color, var(--utrecht-button-primary-action-color, #ffffff));
    --_primary-hover-bg: var(
      --vraagwijzer-primary-hover-background-color,
      var(--utrecht-button-primary-action-hover-background-color, #083d6e)
    );
    --_secondary-bg: var(--vraagwijzer-secondary-background-color, var(--utrecht-button-secondary-action-background-color, #ffffff));
    --_secondary-color: var(--vraagwijzer-secondary-color, var(--utrecht-button-secondary-action-color, #0b5394));
    --_secondary-border: var(--vraagwijzer-secondary-border-color, var(--utrecht-button-secondary-action-border-color, currentColor));
    --_radius: var(--vraagwijzer-border-radius, var(--utrecht-button-border-radius, 4px));
    --_link: var(--vraagwijzer-link-color, var(--utrecht-link-color, #0b5394));
    --_focus: var(--vraagwijzer-focus-outline-color, var(--utrecht-focus-outline-color, #000000));
    --_focus-inner: var(--vraagwijzer-focus-inner-color, #ffffff);
    --_border: var(--vraagwijzer-border-color, var(--utrecht-form-control-border-color, #595959));
    --_invalid: var(--vraagwijzer-invalid-color, var(--utrecht-form-control-invalid-border-color, #b00020));
    --_surface: var(--vraagwijzer-surface-color, #f2f4f7);
    --_muted: var(--vraagwijzer-muted-color, #4d4d4d);
    --_urgent-bg: var(--vraagwijzer-urgent-background-color, #fbe9e9);
    --_urgent-border: var(--vraagwijzer-urgent-border-color, #b00020);
    --_notice-bg: var(--vraagwijzer-notice-background-color, #fff4ce);
    --_space: var(--vraagwijzer-space, 1rem);
    --_max: var(--vraagwijzer-max-inline-size, 44rem);
    display: block;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_color);
    overflow-wrap: break-word;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  h4,
  h5 {
    font-family: var(--_heading-font);
    color: var(--_heading-color);
    line-height: 1.25;
    margin-block: 0 calc(var(--_space) * 0.75);
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    font-size: 1.25em;
  }
  h4 {
    font-size: 1.05em;
  }
  h5 {
    font-size: 1em;
  }
  p,
  ul,
  ol {
    margin-block: 0 calc(var(--_space) * 0.75);
  }
  ul,
  ol {
    padding-inline-start: 1.5em;
  }
  a {
    color: var(--_link);
    text-decoration-thickness: 1px;
    text-underline-offset: 0.15em;
  }
  a:hover {
    text-decoration-thickness: 3px;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px var(--_focus-inner);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_secondary-border);
    background: var(--_secondary-bg);
    color: var(--_secondary-color);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
  }
  button.primary,
  .button.primary {
    background: var(--_primary-bg);
    color: var(--_primary-color);
    border-color: var(--_primary-bg);
  }
  button.primary:hover {
    background: var(--_primary-hover-bg);
    border-color: var(--_primary-hover-bg);
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-block-size: 1.5rem;
    color: var(--_link);
    text-decoration: underline;
    font-weight: 400;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: calc(var(--_space) * 1.5);
  }
  .hint {
    color: var(--_muted);
    display: block;
    margin-block: 0.25rem 0.5rem;
  }
  .error {
    color: var(--_invalid);
    font-weight: 600;
    margin-block: 0.25rem 0.5rem;
  }
  .error::before {
    content: '';
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    max-inline-size: 100%;
  }
  input[type='text'],
  input[type='date'],
  input[type='email'],
  input[type='tel'],
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: #fff;
    border: 2px solid var(--_border);
    border-radius: 2px;
    padding: 0.4rem 0.5rem;
    max-inline-size: 100%;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 6rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_invalid) !important;
    border-width: 3px !important;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    padding-block: 0.35rem;
  }
  .choice input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0.1rem 0 0;
    flex: none;
    accent-color: var(--_primary-bg);
  }
  .choice label {
    cursor: pointer;
  }
  .card {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  @media print {
    .no-print {
      display: none !important;
    }
  }
`;

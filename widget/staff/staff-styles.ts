// Staff pages reuse the widget's tokens and controls, with a wider layout for two columns.
import { css } from 'lit';
import { tokens } from '../styles.js';

export const staffStyles = [
  tokens,
  css`
    :host {
      --_max: 72rem;
    }
    .page {
      max-inline-size: var(--_max);
      margin-inline: auto;
      padding: var(--_space);
    }
    h1 {
      font-size: 1.75em;
      margin-block: 0 var(--_space);
    }
    .grid {
      display: grid;
      gap: calc(var(--_space) * 1.5);
      grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
      align-items: start;
    }
    section.panel {
      margin-block: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
    }
    input[type='password'] {
      font: inherit;
      border: 2px solid var(--_border);
      border-radius: 2px;
      padding: 0.4rem 0.5rem;
    }
    label.block,
    legend.block {
      display: block;
      font-weight: 600;
      margin-block: 0.75rem 0.25rem;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 0.4rem 0.5rem;
      border-block-end: 1px solid var(--_border);
      vertical-align: top;
    }
    .notice {
      background: var(--_notice-bg);
      border-inline-start: 6px solid #8a6d00;
      padding: 0.5rem 0.75rem;
      margin-block: 0.5rem;
    }
    .consent {
      background: var(--_surface);
      border-inline-start: 6px solid var(--_primary-bg);
      padding: 0.5rem 0.75rem;
      font-style: italic;
    }
    .note {
      font-size: 0.95em;
      background: var(--_surface);
      padding: 0.25rem 0.5rem;
      margin-block: 0.25rem;
    }
    .status {
      font-weight: 600;
    }
    .print-only {
      display: none;
    }
    @media print {
      .print-only {
        display: block;
      }
    }
    pre.summary {
      white-space: pre-wrap;
      font: inherit;
      background: var(--_surface);
      padding: 0.5rem 0.75rem;
    }
  `,
];

// The bundle's entry: importing it defines <vraag-wijzer> and the step elements it shares with the
// staff console. Exports are for the console and tests; a municipal page needs only the script tag.
export { VraagWijzer } from './vraag-wijzer.js';
export { VwStep } from './vw-step.js';
export { VwQuestion } from './vw-question.js';
export { VwInfo } from './vw-info.js';
export { VwProgress } from './vw-progress.js';
export { VwAnswers } from './vw-answers.js';
export { VwAdvicePlan } from './vw-advice-plan.js';
export { VwServiceCard } from './vw-service-card.js';
export { VwConcernForm } from './vw-concern-form.js';
export { VwConcernStatus } from './vw-concern-status.js';
export { VwMeldingStatus } from './vw-melding-status.js';
export { VwHelpBar } from './vw-help-bar.js';
export { VwResumeCode } from './vw-resume-code.js';
export { VwResumeForm } from './vw-resume-form.js';
export { ApiClient, ApiError } from './api-client.js';
export { markdown, inline } from './markdown.js';

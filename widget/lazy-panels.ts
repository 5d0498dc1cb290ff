// The panels most residents never open – the Wmo melding and "Mijn gegevens" – as one module the
// widget loads the first time either is opened. One module, not two: the bundler then makes a
// single chunk of the code they share with the bundle, so a first visit loads two files, not four.
export { VwMeldingFlow } from './vw-melding-flow.js';
export { VwMyData } from './vw-my-data.js';

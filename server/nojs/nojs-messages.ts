// Words only the server-rendered pages need; everything the widget also says comes from
// widget/messages.ts, so both speak alike.
const nl = {
  skipToMain: 'Naar de vraag',
  errorSummary: 'Er is een probleem',
  backQuestion: 'Vorige vraag',
  csrfRefused:
    'Dit formulier hoort niet bij jouw gesprek, of het is verlopen. Er is niets veranderd. Probeer het opnieuw vanaf deze pagina.',
  originRefused: 'Dit formulier komt van een andere website. Er is niets veranderd.',
  rateLimited: 'Je hebt het veel keer achter elkaar geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.',
  notFound: 'Deze pagina bestaat niet. Kijk het adres na, of begin opnieuw.',
  noAnswers: 'Je hebt nog geen vragen beantwoord.',
  startLink: 'Naar de eerste vraag',
  anonymousHint: 'Wil je anoniem melden? Laat deze velden dan leeg.',
  reporterAnonymous: 'Je meldt anoniem.',
  areaTooLong: 'Gebruik hoogstens 100 tekens.',
  nameTooLong: 'Gebruik hoogstens 100 tekens.',
  noscriptLink: 'Werken de vragen hier niet? Open ze op een eigen pagina.',
  currentStatus: 'De stand nu',
  codeForm: 'Heb je al een code? Ga verder met je code',
} as const;

export type NojsKey = keyof typeof nl;

const en: { [K in NojsKey]: string } = {
  skipToMain: 'Skip to the question',
  errorSummary: 'There is a problem',
  backQuestion: 'Previous question',
  csrfRefused: 'This form does not belong to your session, or it has expired. Nothing was changed. Please try again from this page.',
  originRefused: 'This form comes from another website. Nothing was changed.',
  rateLimited: 'You have tried many times in a row. Wait a few minutes, then try again.',
  notFound: 'This page does not exist. Check the address, or start again.',
  noAnswers: 'You have not answered any questions yet.',
  startLink: 'Go to the first question',
  anonymousHint: 'Want to report anonymously? Leave these fields empty.',
  reporterAnonymous: 'You report anonymously.',
  areaTooLong: 'Use at most 100 characters.',
  nameTooLong: 'Use at most 100 characters.',
  noscriptLink: 'Questions not working here? Open them on a page of their own.',
  currentStatus: 'The status now',
  codeForm: 'Already have a code? Continue with your code',
};

export function nt(lang: string, key: NojsKey): string {
  return (lang === 'en' ? en : nl)[key];
}

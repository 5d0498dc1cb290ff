// The texts a staff member reads out before looking at or sharing a resident's answers, in the
// caller's language. Stored verbatim with each consent, so the record shows exactly what the
// resident agreed to (and in which language it was read out).
const TEXTS = {
  nl: {
    resume:
      'U heeft online al vragen beantwoord. Met de code die u mij noemt, kan ik uw antwoorden en het advies zien. Dan hoeft u uw verhaal niet opnieuw te vertellen. Ik zie alleen deze vragen en antwoorden. Mag ik dat doen?',
    handover:
      'Ik kan uw vragen, antwoorden en het advies doorgeven aan de organisatie die u verder helpt. Dan hoeft u uw verhaal daar niet opnieuw te vertellen. Ik geef alleen door wat u goed vindt. Mag ik dat doorgeven?',
  },
  en: {
    resume:
      'You have already answered some questions online. With the code you tell me, I can see your answers and the advice. Then you do not have to tell your story again. I only see these questions and answers. May I do that?',
    handover:
      'I can pass your questions, answers and the advice on to the organisation that helps you further. Then you do not have to tell your story there again. I only pass on what you agree to. May I pass it on?',
  },
} as const;

export type ConsentLocale = keyof typeof TEXTS;
export const CONSENT_LOCALES = Object.keys(TEXTS) as ConsentLocale[];

/** Dutch unless the text exists in the asked language. */
export function consentTexts(locale: string | undefined): { resume: string; handover: string } {
  return TEXTS[(locale ?? 'nl') as ConsentLocale] ?? TEXTS.nl;
}

export type ConsentPurpose = 'start' | 'resume' | 'handover';

// The texts a staff member reads out before looking at or sharing a resident's answers. Stored
// verbatim with each consent, so the record shows exactly what the resident agreed to.
export const CONSENT_TEXTS = {
  resume:
    'U heeft online al vragen beantwoord. Met de code die u mij noemt, kan ik uw antwoorden en het advies zien. Dan hoeft u uw verhaal niet opnieuw te vertellen. Ik zie alleen deze vragen en antwoorden. Mag ik dat doen?',
  handover:
    'Ik kan uw vragen, antwoorden en het advies doorgeven aan de organisatie die u verder helpt. Dan hoeft u uw verhaal daar niet opnieuw te vertellen. Ik geef alleen door wat u goed vindt. Mag ik dat doorgeven?',
} as const;

export type ConsentPurpose = 'start' | 'resume' | 'handover';

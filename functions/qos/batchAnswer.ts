import type { Admission } from '../../domain/sessions';

/** The PutEvents-like answer: one entry per event, in order, saying accepted or what was wrong. */
export const batchAnswer = (admissions: readonly Admission<unknown>[]) => ({
  acceptedCount: admissions.filter((a) => a.status === 'accepted').length,
  failedCount: admissions.filter((a) => a.status === 'rejected').length,
  results: admissions.map((admission, index) =>
    admission.status === 'accepted'
      ? { index, status: 'accepted' as const }
      : { index, status: 'rejected' as const, error: admission.error, message: admission.message, ...(admission.details === undefined ? {} : { details: admission.details }) },
  ),
});

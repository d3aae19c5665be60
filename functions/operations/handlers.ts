import { deadLettersApi } from './deadLettersApi';
import { deadLettersDeps } from './deadLettersDeps';

const api = deadLettersApi(deadLettersDeps());

export const listStreamDeadLetters = api.listStreamDeadLetters;
export const redriveStreamDeadLetters = api.redriveStreamDeadLetters;

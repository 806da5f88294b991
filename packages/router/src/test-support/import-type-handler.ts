// A handler whose param type comes from `import type`: deepkit then reflects it as `never`,
// which the router must refuse at startup (HL_NEVER_PARAM) instead of failing every call.
// eslint-disable-next-line no-restricted-syntax
import type {Pet} from './pet.js';
import {CallContext} from '../call-context.js';

export const savePet = (ctx: CallContext, pet: Pet): string => pet.name;

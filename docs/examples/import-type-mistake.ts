// eslint-disable-next-line no-restricted-syntax -- the mistake docs/runtime-types.md warns about
import type {Pet} from './pet.js';
import {CallContext, createRouter} from '@hookline/router';

export function registerSavePet(): void {
    // Pet is erased at runtime: throws StartupError HL_NEVER_PARAM at registration.
    createRouter().registerRoutes({savePet: (ctx: CallContext, pet: Pet): string => pet.name});
}

export function registerListPets(): void {
    // Erased wherever it is used, here in a property of the return type: HL_NEVER_PARAM too.
    createRouter().registerRoutes({listPets: (ctx: CallContext): {pets: Pet[]} => ({pets: []})});
}

export function registerFindPet(): void {
    // In a union too, even the return type's, whose never members are dropped: HL_NEVER_PARAM.
    createRouter().registerRoutes({findPet: (ctx: CallContext, name: string): Pet | null => null});
}

import {CallContext, createRouter, getCallContext, headersHook, Routes} from '@hookline/router';

interface Shared {
    tenant: string;
}

interface Pet {
    tenant: string;
    name: string;
    requestId: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// A service deep in the app: no context parameter; it asks for the call's context when it needs it.
export const petRepository = {
    async findByName(name: string): Promise<Pet> {
        await sleep(1); // a query...
        await Promise.resolve(); // ...two awaits deep: still the same call's context
        const ctx = getCallContext<Shared>();
        ctx.logger.info('pet found', {name});
        return {tenant: ctx.shared.tenant, name, requestId: ctx.requestId};
    },
    // Inside a timer callback too.
    countLater(): Promise<string> {
        return new Promise((resolve) => setTimeout(() => resolve(`counted for ${getCallContext<Shared>().shared.tenant}`), 1));
    },
};

const routes = {
    tenant: headersHook('x-tenant', (ctx: CallContext<Shared>, tenant: string): void => {
        ctx.shared.tenant = tenant;
    }),
    pets: {
        findPet: (ctx: CallContext, name: string): Promise<Pet> => petRepository.findByName(name),
        countPets: (ctx: CallContext): Promise<string> => petRepository.countLater(),
    },
} satisfies Routes;

// asyncContext: true: each call runs in an AsyncLocalStorage, so getCallContext() finds it.
export const router = createRouter({asyncContext: true, sharedDataFactory: (): Shared => ({tenant: ''})});
router.registerRoutes(routes);

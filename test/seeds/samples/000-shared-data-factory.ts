// Seed 000_d8004a762e30ab85.txt (Call Context), section "Shared Data Factory": the three snippets of examples/using-context.routes.ts.
// The seed shows the snippets in the order L6-L10, L19-L21, L12-L17; run in that order, `const routes = {getMyPet}` reads
// `getMyPet` before its `const` declaration (TS2448 / ReferenceError at runtime), so they are assembled here in the source
// file's own order, given by the embedme line anchors: L6-L10, L12-L17, L19-L21. Each snippet's code is verbatim.

// added: the imports and the User/Pet types the snippets use (lines 1-5 of using-context.routes.ts are not in the seed)
import {CallContext, initRouter, registerRoutes, Routes} from '@hookline/router';
import {myApp} from './myApp';
interface User {
    id: number;
    name: string;
}
interface Pet {
    name: string;
    species: string;
}
// end added

// Snippet "Defining a shared data factory" (L6-L10)
interface SharedData {
    myUser: User | null;
    // ... other shared data properties
}
const initSharedData = (): SharedData => ({myUser: null});

// Snippet "Using a typed shared data in routes and hooks" (L12-L17)
type MyContext = CallContext<SharedData>;
const getMyPet = async (ctx: MyContext): Promise<Pet> => {
    const user = ctx.shared.myUser;
    const pet = myApp.db.getPetFromUser(user);
    return pet;
};

// Snippet "Initializing router with a shared data factory" (L19-L21)
const routes = {getMyPet} satisfies Routes;
initRouter({sharedDataFactory: initSharedData});
export const apiSpec = registerRoutes(routes);

// added: exports for the tests
export {routes, initSharedData, getMyPet};

import {RpcError} from '@hookline/core';
import {CallContext, HeaderHookDef, initRouter, registerRoutes, Routes} from '@hookline/router';

interface User {
    id: number;
    name: string;
}

interface Pet {
    name: string;
    species: 'cat' | 'dog';
}

// Stand-ins for an auth service and a database.
const usersByToken: Record<string, User> = {'token-ada': {id: 1, name: 'Ada'}};
const petsByOwner: Record<number, Pet> = {1: {name: 'Tom', species: 'cat'}};

// #region shared-data
interface SharedData {
    myUser: User | null;
}
const initSharedData = (): SharedData => ({myUser: null});
type MyContext = CallContext<SharedData>;
// #endregion shared-data

// #region routes
const authorizationHook = {
    headerName: 'authorization',
    async hook(ctx: MyContext, token: string): Promise<void> {
        const me = usersByToken[token];
        if (me === undefined) throw new RpcError({statusCode: 401, publicMessage: 'user is not authorized'});
        ctx.shared.myUser = me; // shared with the hooks and route that run after this one
    },
} satisfies HeaderHookDef;

export const sayMyName = (ctx: MyContext): string => `hello ${ctx.shared.myUser?.name}`;

const getMyPet = async (ctx: MyContext): Promise<Pet | null> => {
    const user = ctx.shared.myUser;
    return user === null ? null : (petsByOwner[user.id] ?? null);
};

const routes = {authorizationHook, sayMyName, getMyPet} satisfies Routes;
initRouter({sharedDataFactory: initSharedData});
export const apiSpec = registerRoutes(routes);
// #endregion routes

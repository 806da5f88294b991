// The `./myApp` module the seed samples import (003 hooks-definition, 000 sharedDataFactory): a fake app
// whose cloud logger and database record every call in arrays the tests read.

export interface LoggedCall {
    path: string;
    data: unknown;
}

/** A pet as the fake database stores it. */
export interface DbPet {
    name: string;
    species: string;
    ownerId: number | null;
}

/** A user as the fake database understands it. */
export interface DbUser {
    id: number;
    name: string;
}

const pets: DbPet[] = [
    {name: 'Rex', species: 'dog', ownerId: 1},
    {name: 'Tom', species: 'cat', ownerId: 2},
];

/** The pet nobody owns: what `getPetFromUser(null)` returns. */
export const STRAY_PET: DbPet = {name: 'Stray', species: 'cat', ownerId: null};

export const myApp = {
    cloudLogs: {
        /** Calls of `error(path, errors)`. */
        errors: [] as LoggedCall[],
        /** Calls of `log(path, data)`. */
        logs: [] as LoggedCall[],
        async error(path: string, errors: unknown): Promise<void> {
            await Promise.resolve();
            myApp.cloudLogs.errors.push({path, data: errors});
        },
        log(path: string, data: unknown): void {
            myApp.cloudLogs.logs.push({path, data});
        },
    },
    db: {
        /** Every user `getPetFromUser` was called with (a copy of what it received, `null` included). */
        petQueries: [] as (DbUser | null)[],
        getPetFromUser(user: DbUser | null): DbPet {
            myApp.db.petQueries.push(user === null ? null : {...user});
            if (user === null) return STRAY_PET;
            return pets.find((p) => p.ownerId === user.id) ?? STRAY_PET;
        },
    },
    /** Empties every recorded call. */
    resetRecords(): void {
        myApp.cloudLogs.errors.length = 0;
        myApp.cloudLogs.logs.length = 0;
        myApp.db.petQueries.length = 0;
    },
};

// The errors the example API declares. Each is a class with a literal name, the type of its
// errorData and its status; a handler that puts it in its return type gives its callers the
// error typed (`if (!r.ok && r.error.name === 'user-not-found') r.error.errorData.id`).
import {RpcError} from '@hookline/core';

/** The auth hook's error: declared by the hook, so every route under `api` can answer it. */
export class InvalidToken extends RpcError<'invalid-token', undefined, 401> {
    constructor(privateMessage: string) {
        super({name: 'invalid-token', statusCode: 401, publicMessage: 'Invalid or missing token', message: privateMessage});
    }
}

/** No user with that id. */
export class UserNotFound extends RpcError<'user-not-found', {id: number}, 404> {
    constructor(id: number) {
        super({name: 'user-not-found', statusCode: 404, publicMessage: `User ${id} not found`, errorData: {id}});
    }
}

/** A new pet the store refuses; `field` names the property at fault. */
export class InvalidPet extends RpcError<'invalid-pet', {field: string}, 400> {
    constructor(field: string, publicMessage: string) {
        super({name: 'invalid-pet', statusCode: 400, publicMessage, errorData: {field}});
    }
}

/** No pet with that id among the caller's pets. */
export class PetNotFound extends RpcError<'pet-not-found', {petId: number}, 404> {
    constructor(petId: number) {
        super({name: 'pet-not-found', statusCode: 404, publicMessage: 'No such pet', errorData: {petId}});
    }
}

/** The pet's birth date is not known, so its age can't be computed. */
export class BirthDateUnknown extends RpcError<'birth-date-unknown', {petId: number}, 409> {
    constructor(petId: number) {
        super({name: 'birth-date-unknown', statusCode: 409, publicMessage: 'Birth date unknown', errorData: {petId}});
    }
}

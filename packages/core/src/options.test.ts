import {describe, expect, it} from 'vitest';
import {withoutUndefined} from './options.js';

describe('withoutUndefined', () => {
    it('drops undefined properties only, so defaults spread under it survive', () => {
        const given = {port: undefined, host: '::1', retries: 0, flag: false, name: null};
        expect(withoutUndefined(given)).toEqual({host: '::1', retries: 0, flag: false, name: null});
        expect(Object.keys(withoutUndefined(given))).not.toContain('port');
        expect({...{port: 3000, host: '127.0.0.1'}, ...withoutUndefined(given)}).toMatchObject({port: 3000, host: '::1'});
        expect(given.port).toBeUndefined();
    });
});
